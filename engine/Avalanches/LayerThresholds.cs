namespace Dip.Engine.Avalanches;

/// <summary>Resolved thresholds theta_l: one value for every layer, or one per layer 0..Count-1.</summary>
public sealed class LayerThresholds
{
    private readonly double[] _values;
    private readonly bool _perLayer;

    private LayerThresholds(double[] values, bool perLayer)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new ArgumentException($"thresholds must be finite, got {v}", nameof(values));
        _values = values;
        _perLayer = perLayer;
    }

    /// <summary>The same threshold at every layer.</summary>
    public static LayerThresholds Constant(double theta) => new([theta], false);

    /// <summary>Threshold theta_l = values[l] for layers 0..values.Length-1 (a copy is kept).</summary>
    public static LayerThresholds PerLayer(IReadOnlyList<double> values) =>
        values is { Count: > 0 } ? new(values.ToArray(), true)
            : throw new ArgumentException("per-layer thresholds need at least one layer, got none", nameof(values));

    /// <summary>True when every layer has the same threshold.</summary>
    public bool IsConstant => !_perLayer;

    /// <summary>The per-layer values (one value when constant).</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>theta at <paramref name="layer"/>; throws when a per-layer table does not reach that layer.</summary>
    public double this[int layer] =>
        !_perLayer ? _values[0]
        : layer >= 0 && layer < _values.Length ? _values[layer]
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, $"no threshold for layer {layer}: the per-layer table has {_values.Length} layers");
}

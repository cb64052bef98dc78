using System.Globalization;

namespace Dip.Engine.Avalanches;

/// <summary>
/// How the avalanche threshold theta is chosen (theory.md §4.2; project choice, recorded in every output). Rules that
/// depend on the data (quantiles) are resolved from a pilot sample of series; the relative rule from a reference series
/// (e.g. the mean-field iterate of the observable). Text form: <c>absolute:X</c>, <c>quantile:P</c>,
/// <c>layer-quantile:P</c>, <c>relative:RHO</c>.
/// </summary>
public abstract record ThresholdRule
{
    private ThresholdRule() { }

    /// <summary>A fixed theta (the default rule).</summary>
    public sealed record Absolute(double Theta) : ThresholdRule
    {
        /// <inheritdoc />
        public override string Spec => "absolute:" + Theta.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>theta = the P-quantile of all pilot activity values, pooled over layers and trials.</summary>
    public sealed record PooledQuantile(double Probability) : ThresholdRule
    {
        /// <inheritdoc />
        public override string Spec => "quantile:" + Probability.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>theta_l = the P-quantile of the pilot activity at layer l (for heterogeneous depth profiles).</summary>
    public sealed record LayerQuantile(double Probability) : ThresholdRule
    {
        /// <inheritdoc />
        public override string Spec => "layer-quantile:" + Probability.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>theta_l = rho * reference_l, with the reference given by the caller (e.g. the mean-field iterate).</summary>
    public sealed record Relative(double Rho) : ThresholdRule
    {
        /// <inheritdoc />
        public override string Spec => "relative:" + Rho.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The rule's text form, as written in output files.</summary>
    public abstract string Spec { get; }

    /// <summary>True when resolving needs a pilot sample of activity series.</summary>
    public bool NeedsPilot => this is PooledQuantile or LayerQuantile;

    /// <summary>True when resolving needs a reference series.</summary>
    public bool NeedsReference => this is Relative;

    /// <summary>
    /// Resolves theta. <paramref name="pilot"/>: activity series whose index is the layer (needed by quantile rules);
    /// <paramref name="reference"/>: the reference series (needed by the relative rule). Validates the parameter here,
    /// so that a rule built in code and a parsed rule fail the same way.
    /// </summary>
    public LayerThresholds Resolve(IReadOnlyList<double[]>? pilot = null, double[]? reference = null)
    {
        switch (this)
        {
            case Absolute a:
                return LayerThresholds.Constant(CheckFinite(a.Theta, "threshold"));
            case PooledQuantile q:
            {
                var values = RequirePilot(pilot).SelectMany(s => s).ToArray();
                return LayerThresholds.Constant(Quantile.OfUnsorted(values, CheckProbability(q.Probability)));
            }
            case LayerQuantile q:
            {
                var series = RequirePilot(pilot);
                int layers = series.Max(s => s.Length);
                var theta = new double[layers];
                for (int l = 0; l < layers; l++)
                    theta[l] = Quantile.OfUnsorted(series.Where(s => s.Length > l).Select(s => s[l]).ToArray(), CheckProbability(q.Probability));
                return LayerThresholds.PerLayer(theta);
            }
            case Relative r:
            {
                CheckFinite(r.Rho, "relative threshold factor");
                if (reference is null || reference.Length == 0)
                    throw new ArgumentException("the relative threshold rule needs a reference series, got none", nameof(reference));
                return LayerThresholds.PerLayer(reference.Select(x => r.Rho * x).ToArray());
            }
            default:
                throw new InvalidOperationException($"unknown threshold rule {this}");
        }
    }

    /// <summary>Parses the text form; throws <see cref="FormatException"/> naming the text.</summary>
    public static ThresholdRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':');
        string kind = colon < 0 ? "absolute" : text[..colon].Trim().ToLowerInvariant();
        string number = colon < 0 ? text : text[(colon + 1)..];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new FormatException($"threshold '{text}': '{number}' is not a finite number");
        ThresholdRule rule = kind switch
        {
            "absolute" => new Absolute(value),
            "quantile" => new PooledQuantile(value),
            "layer-quantile" => new LayerQuantile(value),
            "relative" => new Relative(value),
            _ => throw new FormatException($"threshold '{text}': unknown rule '{kind}' (absolute, quantile, layer-quantile, relative)"),
        };
        if (rule is PooledQuantile or LayerQuantile && (value < 0 || value > 1))
            throw new FormatException($"threshold '{text}': a quantile must be in [0, 1], got {value}");
        return rule;
    }

    private static IReadOnlyList<double[]> RequirePilot(IReadOnlyList<double[]>? pilot) =>
        pilot is { Count: > 0 } && pilot.Any(s => s.Length > 0) ? pilot
            : throw new ArgumentException("a quantile threshold needs pilot activity, got none", nameof(pilot));

    private static double CheckFinite(double value, string what) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"{what} must be finite, got {value}");

    private static double CheckProbability(double p) =>
        p >= 0 && p <= 1 ? p : throw new ArgumentException($"quantile probability must be in [0, 1], got {p}");
}

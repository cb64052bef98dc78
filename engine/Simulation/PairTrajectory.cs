using System.Numerics.Tensors;
using Dip.Engine.Activations;
using Dip.Engine.Kernels;
using Dip.Engine.Random;

namespace Dip.Engine.Simulation;

/// <summary>
/// The state of one trial at one layer: the clean pre-activations h^a (length N) and the perturbation delta = h^b - h^a
/// (length N), kept apart so that tiny distances keep full precision; and their images phi(h^a) and
/// Delta phi = phi(h^b) - phi(h^a). Buffers are owned by one call of <see cref="ITrialPath.Run"/>.
/// </summary>
internal sealed class PairTrajectory
{
    /// <summary>The precision rule for Delta phi: see <see cref="PairKernels.MidpointBelow"/>.</summary>
    private const double MidpointBelow = PairKernels.MidpointBelow;

    private readonly double[] _scratch;

    public PairTrajectory(int width, bool pair)
    {
        Width = width;
        IsPair = pair;
        H = new double[width];
        PhiH = new double[width];
        Delta = pair ? new double[width] : [];
        DeltaPhi = pair ? new double[width] : [];
        _scratch = pair ? new double[width] : [];
    }

    public int Width { get; }
    public bool IsPair { get; }

    /// <summary>h^a, length N.</summary>
    public double[] H { get; }
    /// <summary>h^b - h^a, length N (empty for a single trajectory).</summary>
    public double[] Delta { get; }
    /// <summary>phi(h^a), length N.</summary>
    public double[] PhiH { get; }
    /// <summary>phi(h^b) - phi(h^a), length N (empty for a single trajectory).</summary>
    public double[] DeltaPhi { get; }

    /// <summary>Layer 0: x_a with (1/N)|x_a|^2 = q0 exactly, and delta = epsilon sqrt(N) u with u a uniform unit vector.</summary>
    public void SetInputs(ulong seed, long trial, InputSpec input) => WriteInputs(seed, trial, input, H, Delta);

    /// <summary>The inputs of <see cref="SetInputs"/> into <paramref name="h"/> (length N) and, unless it is empty,
    /// <paramref name="delta"/> (length N).</summary>
    public static void WriteInputs(ulong seed, long trial, InputSpec input, Span<double> h, Span<double> delta)
    {
        int width = h.Length;
        Normals.Fill(RandomStream.For(seed, trial, 0, StreamRole.Input), 0, h);
        double sumSquares = TensorPrimitives.SumOfSquares<double>(h);
        TensorPrimitives.Multiply(h, Math.Sqrt(input.Q0 * width / sumSquares), h);
        if (delta.IsEmpty) return;
        Normals.Fill(RandomStream.For(seed, trial, 0, StreamRole.Perturbation), 0, delta);
        sumSquares = TensorPrimitives.SumOfSquares<double>(delta);
        TensorPrimitives.Multiply(delta, input.Epsilon * Math.Sqrt(width / sumSquares), delta);
    }

    /// <summary>Computes phi(h^a) and, for a pair, Delta phi with the precision rule of <see cref="MidpointBelow"/>.</summary>
    public void Activate(Activation phi)
    {
        phi.Apply(H, PhiH);
        if (!IsPair) return;
        // MaxMagnitude / MinMagnitude return the signed entry of largest / smallest magnitude: take its size.
        double largest = Math.Abs(TensorPrimitives.MaxMagnitude<double>(Delta));
        double smallest = Math.Abs(TensorPrimitives.MinMagnitude<double>(Delta));
        if (largest >= MidpointBelow || double.IsNaN(largest))
        {
            TensorPrimitives.Add(H, Delta, _scratch);
            phi.Apply(_scratch, DeltaPhi);
            TensorPrimitives.Subtract(DeltaPhi, PhiH, DeltaPhi);
        }
        if (smallest < MidpointBelow)
        {
            TensorPrimitives.MultiplyAdd(Delta, 0.5, H, _scratch);
            phi.ApplyDerivative(_scratch, _scratch);
            bool all = largest < MidpointBelow;
            for (int i = 0; i < Width; i++)
                if (all || Math.Abs(Delta[i]) < MidpointBelow)
                    DeltaPhi[i] = Delta[i] * _scratch[i];
        }
    }

    /// <summary>Writes the observables of this layer: activity[o * stride + layer] for each observable o.</summary>
    public void Record(IReadOnlyList<Observable> observables, double activeUnitThreshold, int layer, int stride, Span<double> activity)
    {
        for (int o = 0; o < observables.Count; o++)
            activity[o * stride + layer] = observables[o] switch
            {
                Observable.Length => TensorPrimitives.SumOfSquares<double>(H) / Width,
                Observable.Distance => TensorPrimitives.SumOfSquares<double>(Delta) / Width,
                Observable.DistancePhi => TensorPrimitives.SumOfSquares<double>(DeltaPhi) / Width,
                Observable.ActiveCount => CountAbove(Delta, activeUnitThreshold),
                _ => throw new InvalidOperationException($"unknown observable {observables[o]}"),
            };
    }

    /// <summary>True when every entry of the state is finite.</summary>
    public bool IsFinite()
    {
        double sum = TensorPrimitives.Sum<double>(H);
        if (IsPair) sum += TensorPrimitives.Sum<double>(Delta);
        return double.IsFinite(sum) && double.IsFinite(TensorPrimitives.SumOfSquares<double>(H));
    }

    private static double CountAbove(ReadOnlySpan<double> values, double threshold)
    {
        int count = 0;
        foreach (double v in values)
            if (Math.Abs(v) > threshold) count++;
        return count;
    }
}

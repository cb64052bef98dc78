using System.Numerics.Tensors;
using Dip.Engine.Random;

namespace Dip.Engine.Simulation;

/// <summary>
/// The conditional-Gaussian sampler (theory.md §3.1): with fresh Gaussian weights and biases per layer, the rows
/// (h^a_i, h^b_i) of layer l + 1 given layer l are i.i.d. bivariate normal with covariance built from phi at layer l.
/// Written in the variables (h^a, delta = h^b - h^a): Var h^a = sigma_w^2 |phi_a|^2 / N + sigma_b^2,
/// Cov(h^a, delta) = sigma_w^2 phi_a . Delta phi / N, Var delta = sigma_w^2 |Delta phi|^2 / N (the bias cancels).
/// O(N) per layer; equal in law to <see cref="DensePath"/> with fresh weights. Layer l draws its 2N normals from
/// RandomStream.For(seed, trial, l, Exact): z1 = normals 0..N-1, z2 = normals N..2N-1 (double layout).
/// </summary>
public sealed class ExactPath : LayerwisePath
{
    /// <summary>Creates the exact path; the spec must be in <see cref="SimulationMode.Exact"/> mode and Gaussian.</summary>
    public ExactPath(SimulationSpec spec) : base(spec)
    {
        if (spec.Mode != SimulationMode.Exact)
            throw new ArgumentException($"the exact path needs mode Exact, got {spec.Mode}", nameof(spec));
        if (spec.Network.Weights != Networks.WeightDistribution.Gaussian)
            throw new ArgumentException($"the exact path is exact for Gaussian weights only, got {spec.Network.Weights}; use dense mode", nameof(spec));
    }

    private protected override object? CreateScratch() => null;

    private protected override void Advance(PairTrajectory state, object? scratch, long trial, int layer)
    {
        int n = state.Width;
        double sw2 = Network.SigmaW2;
        double qaa = sw2 * TensorPrimitives.SumOfSquares<double>(state.PhiH) / n + Network.SigmaB2;
        var stream = RandomStream.For(Spec.Seed, trial, layer, StreamRole.Exact);
        Normals.Fill(stream, 0, state.H);
        double scale = Math.Sqrt(qaa);
        if (state.IsPair)
        {
            double qad = sw2 * TensorPrimitives.Dot<double>(state.PhiH, state.DeltaPhi) / n;
            double qdd = sw2 * TensorPrimitives.SumOfSquares<double>(state.DeltaPhi) / n;
            double along = qaa > 0 ? qad / scale : 0.0;
            double across = Math.Sqrt(Math.Max(0.0, qaa > 0 ? qdd - qad * qad / qaa : qdd));
            Normals.Fill(stream, (ulong)n, state.Delta);
            TensorPrimitives.Multiply(state.Delta, across, state.Delta);
            TensorPrimitives.MultiplyAdd(state.H, along, state.Delta, state.Delta);
        }
        TensorPrimitives.Multiply(state.H, scale, state.H);
    }
}

using System.Numerics.Tensors;
using Dip.Engine.Networks;
using Dip.Engine.Random;

namespace Dip.Engine.Simulation;

/// <summary>
/// The dense path: sample the weight matrix of each layer and multiply, O(N^2) per layer. Weight W^l_ij is
/// sqrt(sigma_w^2 / N) times float normal i*N + j of RandomStream.For(seed, network, l, Weights) (Gaussian), or
/// sqrt(3 sigma_w^2 / N)(2u - 1) with u = Uniform.Single(word i*N + j) (uniform, same variance); bias b^l_i is sigma_b
/// times float normal i of RandomStream.For(seed, network, l, Biases). The network index is the trial (a fresh network
/// per trial) or 0 for every trial when <see cref="SimulationSpec.Quenched"/>. Rows are generated on the fly (streamed),
/// so memory is O(N). This is the reference the exact path is tested against.
/// </summary>
public sealed class DensePath : LayerwisePath
{
    /// <summary>Creates the dense path; the spec must be in <see cref="SimulationMode.Dense"/> mode.</summary>
    public DensePath(SimulationSpec spec) : base(spec)
    {
        if (spec.Mode != SimulationMode.Dense)
            throw new ArgumentException($"the dense path needs mode Dense, got {spec.Mode}", nameof(spec));
    }

    private sealed class Rows(int n)
    {
        public readonly float[] Single = new float[n];
        public readonly double[] Row = new double[n];
        public readonly double[] NextH = new double[n];
        public readonly double[] NextDelta = new double[n];
        public readonly float[] Bias = new float[n];
    }

    private protected override object? CreateScratch() => new Rows(Network.Width);

    private protected override void Advance(PairTrajectory state, object? scratch, long trial, int layer)
    {
        var rows = (Rows)scratch!;
        int n = state.Width;
        long network = Spec.Quenched ? 0 : trial;
        var weights = RandomStream.For(Spec.Seed, network, layer, StreamRole.Weights);
        Normals.Fill(RandomStream.For(Spec.Seed, network, layer, StreamRole.Biases), 0, rows.Bias);
        double sigmaB = Math.Sqrt(Network.SigmaB2);
        for (int i = 0; i < n; i++)
        {
            FillRow(weights, i, rows);
            rows.NextH[i] = TensorPrimitives.Dot<double>(rows.Row, state.PhiH) + sigmaB * rows.Bias[i];
            if (state.IsPair) rows.NextDelta[i] = TensorPrimitives.Dot<double>(rows.Row, state.DeltaPhi);
        }
        rows.NextH.CopyTo(state.H, 0);
        if (state.IsPair) rows.NextDelta.CopyTo(state.Delta, 0);
    }

    private void FillRow(RandomStream weights, int row, Rows rows)
    {
        int n = rows.Row.Length;
        ulong start = (ulong)row * (ulong)n;
        if (Network.Weights == WeightDistribution.Gaussian)
        {
            Normals.Fill(weights, start, rows.Single);
            double scale = Network.WeightScale;
            for (int j = 0; j < n; j++) rows.Row[j] = scale * rows.Single[j];
        }
        else
        {
            double scale = Math.Sqrt(3.0) * Network.WeightScale;
            for (int j = 0; j < n; j++)
                rows.Row[j] = scale * (2.0 * Uniform.Single(weights.Word(start + (ulong)j)) - 1.0);
        }
    }
}

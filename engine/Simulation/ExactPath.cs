using System.Numerics.Tensors;
using Dip.Engine.Kernels;
using Dip.Engine.Random;

namespace Dip.Engine.Simulation;

/// <summary>
/// The conditional-Gaussian sampler (theory.md §3.1): with fresh Gaussian weights and biases per layer, the rows
/// (h^a_i, h^b_i) of layer l + 1 given layer l are i.i.d. bivariate normal with covariance built from phi at layer l.
/// Written in the variables (h^a, delta = h^b - h^a): Var h^a = sigma_w^2 |phi_a|^2 / N + sigma_b^2,
/// Cov(h^a, delta) = sigma_w^2 phi_a . Delta phi / N, Var delta = sigma_w^2 |Delta phi|^2 / N (the bias cancels).
/// O(N) per layer; equal in law to <see cref="DensePath"/> with fresh weights. Layer l draws its 2N normals from
/// RandomStream.For(seed, trial, l, Exact): z1 = normals 0..N-1, z2 = normals N..2N-1, in the float layout (widened to
/// double before use; the same normals the dense path draws its weights from, |z| &lt;= 5.9) unless
/// <see cref="DoubleNormals"/> asks for the double layout (|z| &lt;= 8.6, about 2.2 times the cost of the float normals).
/// Either way every sum and the state are double, and delta is formed directly (never as h^b - h^a).
/// Layers after the input are fused: nothing of length N is stored; each layer walks the units in L1-sized chunks (draw
/// z1, z2; form h^a, delta; apply phi; add to the Gram sums and the observables' sums), see <see cref="PairKernels"/>.
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

    /// <summary>Units per chunk of the fused loop: six chunk buffers of doubles (12 KiB) stay in L1.</summary>
    private const int Chunk = 256;

    /// <summary>False runs the array-based layer loop of <see cref="LayerwisePath"/> (the reference the fused loop is
    /// tested against; same law and streams, sums in another order).</summary>
    internal bool Fused { get; init; } = true;

    /// <summary>Draw the 2N normals of a layer in the double layout (|z| &lt;= 8.6) instead of the float layout
    /// (|z| &lt;= 5.9, P(|Z| &gt; 5.9) = 3.6e-9 per normal). Default false.</summary>
    public bool DoubleNormals { get; init; }

    private protected override object? CreateScratch() => DoubleNormals ? null : new float[2 * Network.Width];

    private protected override int Propagate(long trial, Span<double> activity)
    {
        if (!Fused) return base.Propagate(trial, activity);
        int n = Network.Width, stride = Depth + 1;
        bool pair = Spec.NeedsPair;
        var inputH = new double[n];
        var inputDelta = pair ? new double[n] : [];
        PairTrajectory.WriteInputs(Spec.Seed, trial, Spec.Input, inputH, inputDelta);
        Span<double> buffers = stackalloc double[6 * Chunk];
        Span<float> z1 = stackalloc float[Chunk], z2 = stackalloc float[Chunk];
        Span<double> h = buffers[..Chunk], delta = buffers.Slice(Chunk, Chunk), hb = buffers.Slice(2 * Chunk, Chunk);
        Span<double> half = buffers.Slice(3 * Chunk, Chunk), phiA = buffers.Slice(4 * Chunk, Chunk), phiB = buffers.Slice(5 * Chunk, Chunk);
        var phi = Network.Activation;
        double scale = 0, along = 0, across = 0;
        for (int layer = 0; ; layer++)
        {
            var state = new PairStateSums();
            var gram = new PairGramSums();
            var stream = RandomStream.For(Spec.Seed, trial, layer, StreamRole.Exact);
            for (int first = 0; first < n; first += Chunk)
            {
                int length = Math.Min(Chunk, n - first);
                scoped Span<double> ha, d;
                Span<double> a = phiA[..length], b = hb[..length], m = half[..length];
                int small = 0;
                if (layer == 0)
                {
                    ha = inputH.AsSpan(first, length);
                    d = pair ? inputDelta.AsSpan(first, length) : [];
                    if (pair) small = PairKernels.Moments(ha, d, b, m, Spec.ActiveUnitThreshold, ref state);
                }
                else
                {
                    ha = h[..length];
                    d = pair ? delta[..length] : [];
                    if (DoubleNormals)
                    {
                        Normals.Fill(stream, (ulong)first, ha);
                        if (pair) Normals.Fill(stream, (ulong)(n + first), d);
                        if (pair) PairKernels.Mix(ha, d, scale, along, across);
                        else TensorPrimitives.Multiply(ha, scale, ha);
                        if (pair) small = PairKernels.Moments(ha, d, b, m, Spec.ActiveUnitThreshold, ref state);
                    }
                    else
                    {
                        Normals.Fill(stream, (ulong)first, z1[..length]);
                        if (pair) Normals.Fill(stream, (ulong)(n + first), z2[..length]);
                        if (pair) small = PairKernels.MixMoments(z1[..length], z2[..length], ha, d, b, m, scale, along, across, Spec.ActiveUnitThreshold, ref state);
                        else Widen(z1[..length], ha, scale);
                    }
                }
                phi.Apply(ha, a);
                if (!pair)
                {
                    state.H += TensorPrimitives.Sum<double>(ha);
                    state.H2 += TensorPrimitives.SumOfSquares<double>(ha);
                    gram.AA += TensorPrimitives.SumOfSquares<double>(a);
                    continue;
                }
                if (small < length) phi.Apply(b, phiB[..length]);
                if (small > 0) phi.ApplyDerivative(m, m);
                PairKernels.Gram(a, phiB[..length], d, m, ref gram);
            }
            if (!double.IsFinite(state.H + state.D) || !double.IsFinite(state.H2)) return layer;
            Record(state, gram, n, layer, stride, activity);
            if (StopsAfter(layer, activity)) return -1;
            double qaa = Network.SigmaW2 * gram.AA / n + Network.SigmaB2;
            double qad = Network.SigmaW2 * gram.AD / n, qdd = Network.SigmaW2 * gram.DD / n;
            scale = Math.Sqrt(qaa);
            along = qaa > 0 ? qad / scale : 0.0;
            across = Math.Sqrt(Math.Max(0.0, qaa > 0 ? qdd - qad * qad / qaa : qdd));
        }
    }

    private static void Widen(ReadOnlySpan<float> z, Span<double> h, double scale)
    {
        for (int i = 0; i < z.Length; i++) h[i] = scale * z[i];
    }

    private void Record(in PairStateSums state, in PairGramSums gram, int n, int layer, int stride, Span<double> activity)
    {
        for (int o = 0; o < Observables.Count; o++)
            activity[o * stride + layer] = Observables[o] switch
            {
                Observable.Length => state.H2 / n,
                Observable.Distance => state.D2 / n,
                Observable.DistancePhi => gram.DD / n,
                Observable.ActiveCount => state.Active,
                _ => throw new InvalidOperationException($"unknown observable {Observables[o]}"),
            };
    }

    private protected override void Advance(PairTrajectory state, object? scratch, long trial, int layer)
    {
        int n = state.Width;
        double sw2 = Network.SigmaW2;
        double qaa = sw2 * TensorPrimitives.SumOfSquares<double>(state.PhiH) / n + Network.SigmaB2;
        var stream = RandomStream.For(Spec.Seed, trial, layer, StreamRole.Exact);
        var single = (float[]?)scratch;
        if (single is null) Normals.Fill(stream, 0, state.H);
        else
        {
            Normals.Fill(stream, 0, single.AsSpan(0, state.IsPair ? 2 * n : n));
            for (int i = 0; i < n; i++) state.H[i] = single[i];
        }
        double scale = Math.Sqrt(qaa);
        if (state.IsPair)
        {
            double qad = sw2 * TensorPrimitives.Dot<double>(state.PhiH, state.DeltaPhi) / n;
            double qdd = sw2 * TensorPrimitives.SumOfSquares<double>(state.DeltaPhi) / n;
            double along = qaa > 0 ? qad / scale : 0.0;
            double across = Math.Sqrt(Math.Max(0.0, qaa > 0 ? qdd - qad * qad / qaa : qdd));
            if (single is null) Normals.Fill(stream, (ulong)n, state.Delta);
            else for (int i = 0; i < n; i++) state.Delta[i] = single[n + i];
            TensorPrimitives.Multiply(state.Delta, across, state.Delta);
            TensorPrimitives.MultiplyAdd(state.H, along, state.Delta, state.Delta);
        }
        TensorPrimitives.Multiply(state.H, scale, state.H);
    }
}

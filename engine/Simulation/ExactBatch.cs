using System.Numerics.Tensors;
using Dip.Engine.Networks;
using Dip.Engine.Random;

namespace Dip.Engine.Simulation;

/// <summary>
/// The conditional-Gaussian layer for P inputs through one network with fresh weights per layer (theory.md §3.1): given
/// Phi = phi(H^l) (N x P), the rows of H^(l+1) are i.i.d. N(0, K) with K = sigma_w^2 Phi^T Phi / N + sigma_b^2 1 1^T.
/// Cost O(N P^2 + P^3) per layer: the Gram matrix, a Cholesky factor K = C C^T (semi-definite pivots clamped to 0), and
/// H^(l+1)_i = C z_i with z_i the P normals i*P .. i*P+P-1 of RandomStream.For(seed, trial, layer, Exact) (double layout).
/// </summary>
public sealed class ExactBatch
{
    private readonly NetworkSpec _network;
    private readonly int _inputs;

    /// <summary>Creates the layer sampler for <paramref name="inputs"/> (P &gt;= 1) inputs.</summary>
    public ExactBatch(NetworkSpec network, int inputs)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _inputs = inputs >= 1 ? inputs : throw new ArgumentException($"inputs must be >= 1, got {inputs}", nameof(inputs));
    }

    /// <summary>
    /// Samples layer <paramref name="layer"/> from the pre-activations of the previous layer. <paramref name="h"/>: N x P
    /// row-major (unit i, input p at i*P + p) on entry, overwritten with the new layer on exit.
    /// </summary>
    public void Advance(Span<double> h, ulong seed, long trial, int layer)
    {
        int n = _network.Width, p = _inputs;
        if (h.Length != n * p) throw new ArgumentException($"h must have length N*P = {n * p}, got {h.Length}", nameof(h));
        var phi = new double[n * p];
        _network.Activation.Apply(h, phi);
        var k = Covariance(phi, n, p);
        var c = CholeskyLower(k, p);
        Normals.Fill(RandomStream.For(seed, trial, layer, StreamRole.Exact), 0, h);
        var z = new double[p];
        for (int i = 0; i < n; i++)
        {
            var row = h.Slice(i * p, p);
            row.CopyTo(z);
            for (int a = 0; a < p; a++)
                row[a] = TensorPrimitives.Dot<double>(c.AsSpan(a * p, a + 1), z.AsSpan(0, a + 1));
        }
    }

    private double[] Covariance(double[] phi, int n, int p)
    {
        var k = new double[p * p];
        for (int i = 0; i < n; i++)
        {
            var row = phi.AsSpan(i * p, p);
            for (int a = 0; a < p; a++)
                TensorPrimitives.MultiplyAdd(row, row[a], k.AsSpan(a * p, p), k.AsSpan(a * p, p));
        }
        double scale = _network.SigmaW2 / n;
        for (int j = 0; j < k.Length; j++) k[j] = scale * k[j] + _network.SigmaB2;
        return k;
    }

    private static double[] CholeskyLower(double[] k, int p)
    {
        var c = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = k[a * p + b] - TensorPrimitives.Dot<double>(c.AsSpan(a * p, b), c.AsSpan(b * p, b));
                if (a == b) c[a * p + a] = s > 1e-300 ? Math.Sqrt(s) : 0.0;
                else c[a * p + b] = c[b * p + b] > 0 ? s / c[b * p + b] : 0.0;
            }
        }
        return c;
    }
}

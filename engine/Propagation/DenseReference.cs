using Dip.Engine.Activations;
using Dip.Engine.Kernels.Propagation;
using Dip.Engine.Networks;
using Dip.Engine.Random;

namespace Dip.Engine.Propagation;

/// <summary>
/// Scalar oracle for <see cref="DensePropagator"/>: one layer h^l = W^l phi(h^(l-1)) + b^l with the weights drawn one by
/// one from <see cref="NormalsReference"/> (or the scalar uniform map), phi from <see cref="ActivationReference"/> and the
/// sums accumulated in double. Slow (O(N^2 B) scalar work and N^2 scalar normals per layer); for tests only.
/// </summary>
public static class DenseReference
{
    /// <summary>
    /// Layer <paramref name="layer"/> (1..L) in the float layout from previous (h^(layer-1), N x batch row-major, float):
    /// next (N x batch) gets h^layer, absoluteSum (N x batch) gets sum_j |W_ij phi(h_j)| + |b_i| for error bounds.
    /// Throws <see cref="ArgumentException"/> for a layer outside 1..L, batch &lt; 1 or spans not of length N x batch.
    /// </summary>
    public static void Layer(NetworkSpec spec, ulong seed, long network, int layer, ReadOnlySpan<float> previous, int batch,
        Span<double> next, Span<double> absoluteSum)
    {
        Check(spec, layer, previous.Length, batch, next.Length, absoluteSum.Length);
        var a = new float[previous.Length];
        ActivationReference.Apply(spec.Activation, previous, a);
        RandomStream weights = RandomStream.For(seed, network, layer, StreamRole.Weights);
        RandomStream biases = RandomStream.For(seed, network, layer, StreamRole.Biases);
        float scale = (float)spec.WeightScale, half = (float)(Math.Sqrt(3.0) * spec.WeightScale), sigmaB = (float)Math.Sqrt(spec.SigmaB2);
        int n = spec.Width;
        var row = new float[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ulong index = (ulong)i * (ulong)n + (ulong)j;
                row[j] = spec.Weights == WeightDistribution.Gaussian ? scale * NormalsReference.Single(weights, index)
                    : WeightSource.UniformWeight(weights, index, half);
            }
            double bias = sigmaB * NormalsReference.Single(biases, (ulong)i);
            for (int c = 0; c < batch; c++)
            {
                double sum = bias, magnitude = Math.Abs(bias);
                for (int j = 0; j < n; j++)
                {
                    double term = (double)row[j] * a[j * batch + c];
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                next[i * batch + c] = sum;
                absoluteSum[i * batch + c] = magnitude;
            }
        }
    }

    /// <summary>
    /// Layer <paramref name="layer"/> in the double layout: as the float overload, with double weights
    /// (scale * NormalsReference.Double) and double activations.
    /// </summary>
    public static void Layer(NetworkSpec spec, ulong seed, long network, int layer, ReadOnlySpan<double> previous, int batch,
        Span<double> next, Span<double> absoluteSum)
    {
        Check(spec, layer, previous.Length, batch, next.Length, absoluteSum.Length);
        var a = new double[previous.Length];
        ActivationReference.Apply(spec.Activation, previous, a);
        RandomStream weights = RandomStream.For(seed, network, layer, StreamRole.Weights);
        RandomStream biases = RandomStream.For(seed, network, layer, StreamRole.Biases);
        double scale = spec.WeightScale, half = Math.Sqrt(3.0) * spec.WeightScale, sigmaB = Math.Sqrt(spec.SigmaB2);
        int n = spec.Width;
        var row = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ulong index = (ulong)i * (ulong)n + (ulong)j;
                row[j] = spec.Weights == WeightDistribution.Gaussian ? scale * NormalsReference.Double(weights, index)
                    : WeightSource.UniformWeight(weights, index, half);
            }
            double bias = sigmaB * NormalsReference.Double(biases, (ulong)i);
            for (int c = 0; c < batch; c++)
            {
                double sum = bias, magnitude = Math.Abs(bias);
                for (int j = 0; j < n; j++)
                {
                    double term = row[j] * a[j * batch + c];
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                next[i * batch + c] = sum;
                absoluteSum[i * batch + c] = magnitude;
            }
        }
    }

    private static void Check(NetworkSpec spec, int layer, int previous, int batch, int next, int absoluteSum)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (layer < 1 || layer > spec.Depth)
            throw new ArgumentException($"layer must be in [1, {spec.Depth}], got {layer}", nameof(layer));
        if (batch < 1) throw new ArgumentException($"batch must be >= 1, got {batch}", nameof(batch));
        long expected = (long)spec.Width * batch;
        if (previous != expected) throw new ArgumentException($"previous must have length {expected}, got {previous}", "previous");
        if (next != expected) throw new ArgumentException($"next must have length {expected}, got {next}", "next");
        if (absoluteSum != expected) throw new ArgumentException($"absoluteSum must have length {expected}, got {absoluteSum}", "absoluteSum");
    }
}

using System.Numerics;
using System.Numerics.Tensors;
using Dip.Engine.Networks;
using Dip.Engine.Random;

namespace Dip.Engine.Kernels.Propagation;

/// <summary>
/// The weights and biases of layer l of network n, as pure functions of (seed, n, l): W_ij is element i*N + j of the
/// Weights stream (Gaussian: scale * normal, float layout for float, double layout for double; Uniform: a (2u - 1) with
/// a = sqrt(3) scale, u = Uniform.Single(word) for float, Uniform.Double(words 2k, 2k+1) for double), b_i = sigma_b * normal i
/// of the Biases stream. Stored and streamed propagation both use <see cref="FillRows{T}"/>, so they are bit-identical.
/// </summary>
internal sealed class WeightSource
{
    private readonly NetworkSpec _spec;
    private readonly ulong _seed;
    private readonly long _network;

    internal WeightSource(NetworkSpec spec, ulong seed, long network) => (_spec, _seed, _network) = (spec, seed, network);

    internal int Width => _spec.Width;

    /// <summary>Rows firstRow .. firstRow + rows - 1 of W^layer into destination (rows x N, row-major).</summary>
    internal void FillRows<T>(int layer, int firstRow, int rows, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = _spec.Width;
        RandomStream stream = RandomStream.For(_seed, _network, layer, StreamRole.Weights);
        ulong start = (ulong)firstRow * (ulong)n;
        Span<T> target = destination[..(rows * n)];
        if (_spec.Weights == WeightDistribution.Gaussian)
        {
            if (typeof(T) == typeof(float))
            {
                Span<float> f = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(target);
                Normals.Fill(stream, start, f);
                TensorPrimitives.Multiply(f, (float)_spec.WeightScale, f);
            }
            else
            {
                Span<double> d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(target);
                Normals.Fill(stream, start, d);
                TensorPrimitives.Multiply(d, _spec.WeightScale, d);
            }
            return;
        }
        double half = Math.Sqrt(3.0) * _spec.WeightScale;
        if (typeof(T) == typeof(float))
        {
            Span<float> f = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(target);
            if (PhiloxVector.IsSupported) NormalKernels.FillSymmetricUniform(stream, start, (float)half, f);
            else for (int k = 0; k < f.Length; k++) f[k] = UniformWeight(stream, start + (ulong)k, (float)half);
        }
        else
        {
            Span<double> d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(target);
            for (int k = 0; k < d.Length; k++) d[k] = UniformWeight(stream, start + (ulong)k, half);
        }
    }

    /// <summary>Float uniform weight number index: fma(u, 2a, -a) with u = Uniform.Single(word index).</summary>
    internal static float UniformWeight(RandomStream stream, ulong index, float half) =>
        MathF.FusedMultiplyAdd(Uniform.Single(stream.Word(index)), 2f * half, -half);

    /// <summary>Double uniform weight number index: a (2u - 1) with u = Uniform.Double of words 2 index, 2 index + 1.</summary>
    internal static double UniformWeight(RandomStream stream, ulong index, double half) =>
        Math.FusedMultiplyAdd(Uniform.Double(stream.Word(2 * index), stream.Word(2 * index + 1)), 2.0 * half, -half);

    /// <summary>b^layer (length N).</summary>
    internal void FillBiases<T>(int layer, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RandomStream stream = RandomStream.For(_seed, _network, layer, StreamRole.Biases);
        double sigmaB = Math.Sqrt(_spec.SigmaB2);
        if (typeof(T) == typeof(float))
        {
            Span<float> f = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination);
            Normals.Fill(stream, 0, f);
            TensorPrimitives.Multiply(f, (float)sigmaB, f);
        }
        else
        {
            Span<double> d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination);
            Normals.Fill(stream, 0, d);
            TensorPrimitives.Multiply(d, sigmaB, d);
        }
    }
}

using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace Dip.Bench.Kernels;

/// <summary>
/// Machine ceilings measured in place: one core's FP32 FMA peak (12 independent 512-bit FMA chains, register only;
/// 2^20 iterations = 12 * 16 * 2 * 2^20 flop per call) and memory bandwidth (triad a = b + s c over 3 x 64 MiB).
/// </summary>
[MemoryDiagnoser(false)]
public class CeilingBenchmarks
{
    private const int Iterations = 1 << 20;
    /// <summary>flop per <see cref="FmaPeak"/> call.</summary>
    public const double FmaFlop = 12.0 * 16 * 2 * Iterations;
    private const int TriadLength = 16 << 20;
    /// <summary>Bytes moved per <see cref="Triad"/> call (2 reads and 1 write of 4-byte floats, no write-allocate counted).</summary>
    public const double TriadBytes = 3.0 * 4 * TriadLength;
    private float[] _a = [], _b = [], _c = [];

    [GlobalSetup(Target = nameof(Triad))]
    public void SetupTriad()
    {
        _a = new float[TriadLength]; _b = new float[TriadLength]; _c = new float[TriadLength];
        _b.AsSpan().Fill(1f); _c.AsSpan().Fill(2f);
    }

    [Benchmark]
    public float FmaPeak()
    {
        Vector512<float> m = Vector512.Create(0.999999f), add = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0 + add, a2 = a1 + add, a3 = a2 + add, a4 = a3 + add, a5 = a4 + add,
            a6 = a5 + add, a7 = a6 + add, a8 = a7 + add, a9 = a8 + add, a10 = a9 + add, a11 = a10 + add;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, add); a1 = Vector512.FusedMultiplyAdd(a1, m, add);
            a2 = Vector512.FusedMultiplyAdd(a2, m, add); a3 = Vector512.FusedMultiplyAdd(a3, m, add);
            a4 = Vector512.FusedMultiplyAdd(a4, m, add); a5 = Vector512.FusedMultiplyAdd(a5, m, add);
            a6 = Vector512.FusedMultiplyAdd(a6, m, add); a7 = Vector512.FusedMultiplyAdd(a7, m, add);
            a8 = Vector512.FusedMultiplyAdd(a8, m, add); a9 = Vector512.FusedMultiplyAdd(a9, m, add);
            a10 = Vector512.FusedMultiplyAdd(a10, m, add); a11 = Vector512.FusedMultiplyAdd(a11, m, add);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [Benchmark]
    public void Triad() => System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_c, 3f, _b, _a);
}

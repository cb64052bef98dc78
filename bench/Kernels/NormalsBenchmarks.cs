using BenchmarkDotNet.Attributes;
using Dip.Engine.Random;

namespace Dip.Bench.Kernels;

/// <summary>Standard normals per second: <see cref="Normals.Fill(RandomStream, ulong, Span{float})"/> vs the scalar reference (2^16 per call).</summary>
[MemoryDiagnoser(false)]
public class NormalsBenchmarks
{
    private const int Count = 1 << 16;
    private readonly float[] _single = new float[Count];
    private readonly double[] _double = new double[Count];
    private readonly RandomStream _stream = RandomStream.For(1, 0, 1, StreamRole.Weights);

    [Benchmark(OperationsPerInvoke = Count)] public void VectorSingle() => Normals.Fill(_stream, 0, _single);
    [Benchmark(OperationsPerInvoke = Count, Baseline = true)] public void ReferenceSingle() => NormalsReference.Fill(_stream, 0, _single);
    /// <summary>The generator alone: Philox words mapped to symmetric uniforms (the streamed uniform weights), no log or sin/cos.</summary>
    [Benchmark(OperationsPerInvoke = Count)] public void VectorUniformSingle() => Dip.Engine.Kernels.NormalKernels.FillSymmetricUniform(_stream, 0, 1f, _single);
    [Benchmark(OperationsPerInvoke = Count)] public void VectorDouble() => Normals.Fill(_stream, 0, _double);
    [Benchmark(OperationsPerInvoke = Count)] public void ReferenceDouble() => NormalsReference.Fill(_stream, 0, _double);
}

using BenchmarkDotNet.Attributes;
using Dip.Engine.Activations;

namespace Dip.Bench.Kernels;

/// <summary>Activation throughput (elements per call = 4096, float) for the span kernels vs <see cref="ActivationReference"/>.</summary>
[MemoryDiagnoser(false)]
public class ActivationBenchmarks
{
    private const int Count = 4096;
    private readonly float[] _x = new float[Count], _y = new float[Count];
    private Activation _phi = Activation.Tanh;

    [Params("tanh", "erf", "relu", "poly:0,1,0,-0.3")] public string Spec { get; set; } = "tanh";

    [GlobalSetup]
    public void Setup()
    {
        _phi = Activation.Parse(Spec);
        for (int i = 0; i < Count; i++) _x[i] = 4f * MathF.Sin(i * 0.37f);
    }

    [Benchmark(OperationsPerInvoke = Count)] public void Kernel() => _phi.Apply(_x, _y);
    [Benchmark(OperationsPerInvoke = Count, Baseline = true)] public void Reference() => ActivationReference.Apply(_phi, _x, _y);
    [Benchmark(OperationsPerInvoke = Count)] public void KernelDerivative() => _phi.ApplyDerivative(_x, _y);
}

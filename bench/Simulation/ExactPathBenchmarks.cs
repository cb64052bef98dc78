using BenchmarkDotNet.Attributes;
using Dip.Engine.Activations;
using Dip.Engine.Networks;
using Dip.Engine.Simulation;

namespace Dip.Bench.Simulation;

/// <summary>
/// Pair-layers per second (one perturbed input pair through one layer) of the exact conditional-Gaussian path against the
/// dense path, at the reference size (N = 4096, 64 pairs). Each invocation runs Pairs trials of Layers layers on
/// one thread, so the per-operation time is the cost of one pair-layer. Run: see bench/README.md.
/// </summary>
[MemoryDiagnoser]
public class ExactPathBenchmarks
{
    private const int Pairs = 64, Layers = 16;
    private double[] _activity = [];
    private ITrialPath _exact = null!;

    /// <summary>Width N.</summary>
    [Params(1024, 4096)]
    public int Width { get; set; }

    /// <summary>Builds the path (tanh at the edge of chaos, distance and length recorded).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var network = new NetworkSpec(Width, Layers, 1.0, 0.0, Activation.Tanh);
        var spec = new SimulationSpec(network) { Observables = [Observable.Distance, Observable.Length], Trials = Pairs };
        _exact = TrialPaths.Create(spec);
        _activity = new double[2 * (Layers + 1)];
    }

    /// <summary>64 pairs x 16 layers through the exact path; time per pair-layer.</summary>
    [Benchmark(OperationsPerInvoke = Pairs * Layers)]
    public double ExactPairLayer()
    {
        double sum = 0;
        for (int t = 0; t < Pairs; t++)
        {
            _exact.Run(t, _activity);
            sum += _activity[Layers];
        }
        return sum;
    }
}

/// <summary>The dense path's cost per pair-layer, the baseline of <see cref="ExactPathBenchmarks"/> (fewer layers: it is O(N^2)).</summary>
public class DensePathBenchmarks
{
    private const int Layers = 2;
    private double[] _activity = [];
    private ITrialPath _dense = null!;

    /// <summary>Width N.</summary>
    [Params(1024, 4096)]
    public int Width { get; set; }

    /// <summary>Builds the dense path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var network = new NetworkSpec(Width, Layers, 1.0, 0.0, Activation.Tanh);
        _dense = TrialPaths.Create(new SimulationSpec(network) { Mode = SimulationMode.Dense, Observables = [Observable.Distance, Observable.Length] });
        _activity = new double[2 * (Layers + 1)];
    }

    /// <summary>One pair through two dense layers; time per pair-layer.</summary>
    [Benchmark(OperationsPerInvoke = Layers)]
    public double DensePairLayer()
    {
        _dense.Run(0, _activity);
        return _activity[Layers];
    }
}

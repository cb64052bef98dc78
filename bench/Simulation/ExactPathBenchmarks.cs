using BenchmarkDotNet.Attributes;
using Dip.Engine.Activations;
using Dip.Engine.Kernels;
using Dip.Engine.Networks;
using Dip.Engine.Random;
using Dip.Engine.Simulation;

namespace Dip.Bench.Simulation;

/// <summary>
/// Pair-layers per second (one perturbed input pair through one layer) of the exact conditional-Gaussian path against the
/// dense path, at the reference size (N = 4096, 64 pairs). Each invocation runs Pairs trials of Layers layers on
/// one thread, so the per-operation time is the cost of one pair-layer. Run: see bench/README.md; the full
/// configuration (depth 64, 1 and 2 threads) is <see cref="ExactPairsBenchmarks"/>.
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

/// <summary>
/// The configuration: 64 perturbed pairs (trials) of a tanh network at the edge of chaos, N = 4096, depth 64,
/// run through <see cref="TrialRunner"/> on 1 or 2 threads (results identical either way); time per pair-layer, so
/// pair-layers/s = 1e9 / (ns per op). Fused (default, float normals), fused with double normals, and the array-based
/// loop the fused one replaced.
/// </summary>
public class ExactPairsBenchmarks
{
    private const int Width = 4096, Pairs = 64, Layers = 64;
    private ExactPath _fused = null!, _double = null!, _arrays = null!;
    private readonly DiscardSink _sink = new();

    /// <summary>Threads for <see cref="TrialRunner.Run"/>.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the three variants of the path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var network = new NetworkSpec(Width, Layers, 1.0, 0.0, Activation.Tanh);
        var spec = new SimulationSpec(network) { Observables = [Observable.Distance, Observable.Length], Trials = Pairs };
        _fused = new ExactPath(spec);
        _double = new ExactPath(spec) { DoubleNormals = true };
        _arrays = new ExactPath(spec) { Fused = false };
    }

    /// <summary>Fused exact path, float normals.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs * Layers)]
    public double Fused() => RunAll(_fused);

    /// <summary>Fused exact path, double normals.</summary>
    [Benchmark(OperationsPerInvoke = Pairs * Layers)]
    public double FusedDoubleNormals() => RunAll(_double);

    /// <summary>The array-based layer loop (float normals), the reference of the fused one.</summary>
    [Benchmark(OperationsPerInvoke = Pairs * Layers)]
    public double ArrayBased() => RunAll(_arrays);

    private double RunAll(ExactPath path)
    {
        _sink.Sum = 0;
        TrialRunner.Run(path, Pairs, _sink, Threads);
        return _sink.Sum;
    }

    private sealed class DiscardSink : ITrialSink
    {
        public double Sum;
        public void Accept(long trial, ReadOnlySpan<double> activity, int divergedAt) => Sum += activity[Layers];
    }
}

/// <summary>
/// Where one fused pair-layer's time goes at N = 4096, one thread: the 2N float normals, the two tanh passes, and the
/// three fused pointwise kernels, each over the same 256-unit chunks as <see cref="ExactPath"/>. Time per pair-layer.
/// </summary>
public class ExactPairLayerPartsBenchmarks
{
    private const int Width = 4096, Chunk = 256;
    private readonly float[] _z1 = new float[Chunk], _z2 = new float[Chunk];
    private readonly double[] _h = new double[Chunk], _d = new double[Chunk], _hb = new double[Chunk], _half = new double[Chunk];
    private readonly double[] _phiA = new double[Chunk], _phiB = new double[Chunk];
    private int _layer;

    /// <summary>Fills the chunks with a plausible state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Normals.Fill(RandomStream.For(1, 0, 1, StreamRole.Exact), 0, _z1);
        Normals.Fill(RandomStream.For(1, 0, 1, StreamRole.Exact), Chunk, _z2);
        var state = new PairStateSums();
        PairKernels.MixMoments(_z1, _z2, _h, _d, _hb, _half, 0.8, 0.01, 0.1, 1e-3, ref state);
        Activation.Tanh.Apply(_h, _phiA);
        Activation.Tanh.Apply(_hb, _phiB);
    }

    /// <summary>2N float normals (z1 and z2 of one layer), chunk by chunk.</summary>
    [Benchmark]
    public float Normals2N()
    {
        var stream = RandomStream.For(1, 0, _layer = _layer % 1000 + 1, StreamRole.Exact);
        for (int first = 0; first < Width; first += Chunk)
        {
            Normals.Fill(stream, (ulong)first, _z1);
            Normals.Fill(stream, (ulong)(Width + first), _z2);
        }
        return _z1[0] + _z2[0];
    }

    /// <summary>phi(h^a) and phi(h^b): 2N double tanh.</summary>
    [Benchmark]
    public double Tanh2N()
    {
        for (int first = 0; first < Width; first += Chunk)
        {
            Activation.Tanh.Apply(_h, _phiA);
            Activation.Tanh.Apply(_hb, _phiB);
        }
        return _phiA[0] + _phiB[0];
    }

    /// <summary>MixMoments and Gram over N units.</summary>
    [Benchmark]
    public double FusedKernels()
    {
        var state = new PairStateSums();
        var gram = new PairGramSums();
        for (int first = 0; first < Width; first += Chunk)
        {
            PairKernels.MixMoments(_z1, _z2, _h, _d, _hb, _half, 0.8, 0.01, 0.1, 1e-3, ref state);
            PairKernels.Gram(_phiA, _phiB, _d, _half, ref gram);
        }
        return state.D2 + gram.DD;
    }
}

using BenchmarkDotNet.Attributes;
using Dip.Engine.Activations;
using Dip.Engine.Kernels.Propagation;
using Dip.Engine.Networks;

namespace Dip.Bench.Kernels;

/// <summary>
/// One float layer h = W a + b (N x N times N x B): stored weights (B = 1 is the mat-vec, B &gt; 1 the packed GEMM) and
/// streamed weights (generated per row block inside the product). flop per call = 2 N^2 B.
/// </summary>
[MemoryDiagnoser(false)]
public class LayerBenchmarks
{
    private WeightSource _source = null!;
    private float[]? _weights;
    private float[] _biases = [], _a = [], _h = [];

    [ParamsSource(nameof(Widths))] public int N { get; set; }
    [ParamsSource(nameof(Batches))] public int B { get; set; }
    [ParamsSource(nameof(ThreadCounts))] public int Threads { get; set; }

    /// <summary>N values: DIP_BENCH_N (comma-separated) or 256, 1024, 4096, 8192.</summary>
    public static IEnumerable<int> Widths => FromEnvironment("DIP_BENCH_N", [256, 1024, 4096, 8192]);
    /// <summary>B values: DIP_BENCH_B or 1, 16, 64, 256.</summary>
    public static IEnumerable<int> Batches => FromEnvironment("DIP_BENCH_B", [1, 16, 64, 256]);
    /// <summary>Thread counts: DIP_BENCH_THREADS or 1, 2.</summary>
    public static IEnumerable<int> ThreadCounts => FromEnvironment("DIP_BENCH_THREADS", [1, 2]);

    private static int[] FromEnvironment(string name, int[] defaults) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? [.. text.Split(',').Select(int.Parse)] : defaults;

    [GlobalSetup]
    public void Setup()
    {
        var spec = new NetworkSpec(N, 1, 1.0, 0.1, Activation.Tanh);
        _source = new WeightSource(spec, 7, 0);
        _weights = new float[(long)N * N];
        _source.FillRows<float>(1, 0, N, _weights);
        _biases = new float[N];
        _source.FillBiases<float>(1, _biases);
        _a = new float[N * B];
        for (int i = 0; i < _a.Length; i++) _a[i] = MathF.Sin(i * 0.1f);
        _h = new float[N * B];
    }

    [Benchmark] public void Stored() => DenseLayer.Apply(_source, 1, _weights, _biases, _a, B, _h, Threads);
    [Benchmark] public void Streamed() => DenseLayer.Apply<float>(_source, 1, null, _biases, _a, B, _h, Threads);
}

/// <summary>The scalar reference product (double accumulation, stored float weights) at sizes where it finishes quickly.</summary>
[MemoryDiagnoser(false)]
public class ScalarLayerBenchmarks
{
    private float[] _w = [], _a = [], _h = [];

    [Params(256, 1024)] public int N { get; set; }
    [Params(1, 16)] public int B { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _w = new float[N * N];
        for (int i = 0; i < _w.Length; i++) _w[i] = MathF.Cos(i * 0.01f) / MathF.Sqrt(N);
        _a = new float[N * B];
        for (int i = 0; i < _a.Length; i++) _a[i] = MathF.Sin(i * 0.1f);
        _h = new float[N * B];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        for (int i = 0; i < N; i++)
            for (int c = 0; c < B; c++)
            {
                double sum = 0;
                for (int j = 0; j < N; j++) sum += (double)_w[i * N + j] * _a[j * B + c];
                _h[i * B + c] = (float)sum;
            }
    }
}

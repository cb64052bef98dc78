using System.Diagnostics;
using Dip.Engine.Activations;
using Dip.Engine.Networks;
using Dip.Engine.Propagation;

namespace Dip.Bench.Kernels;

/// <summary>
/// Console check (not a BenchmarkDotNet suite): one streamed-weight float forward pass at width N and depth L, printing the
/// peak working set. Usage: <c>dotnet run -c Release --project bench -- memory [N] [L] [threads]</c>.
/// </summary>
public static class MemoryCheck
{
    public static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 16384, depth = args.Length > 1 ? int.Parse(args[1]) : 1000;
        int threads = args.Length > 2 ? int.Parse(args[2]) : 2;
        var spec = new NetworkSpec(n, depth, 1.0, 0.05, Activation.Tanh);
        var propagator = new DensePropagator(spec, 42, 0, WeightStorage.Streamed, threads);
        var x = new float[n];
        Dip.Engine.Random.Normals.Fill(Dip.Engine.Random.RandomStream.For(42, 0, 0, Dip.Engine.Random.StreamRole.Input), 0, x);
        var y = new float[n];
        var clock = Stopwatch.StartNew();
        propagator.Propagate(x, y);
        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        double q = 0;
        foreach (float v in y) q += (double)v * v;
        Console.WriteLine($"streamed N={n} L={depth} threads={threads}: {clock.Elapsed.TotalSeconds:F1} s, " +
            $"peak working set {process.PeakWorkingSet64 / 1048576.0:F1} MiB, q^L = {q / n:F6}");
        return 0;
    }
}

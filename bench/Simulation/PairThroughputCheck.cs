using System.Diagnostics;
using Dip.Engine.Activations;
using Dip.Engine.Networks;
using Dip.Engine.Simulation;

namespace Dip.Bench.Simulation;

/// <summary>
/// Console check (not a BenchmarkDotNet suite): pair-layers per second of the exact path for P pairs of a tanh network
/// (sigma_w^2 = 1, sigma_b^2 = 0) at width N and depth L through <see cref="TrialRunner"/>, on 1 thread and on T threads.
/// Prints, per thread count, the best of R repetitions of wall time and the process CPU time, both per pair-layer: on a
/// shared machine the wall figure measures the load as much as the code, the CPU figure only the code, and
/// T / (CPU time per pair-layer) is the rate T otherwise idle cores would reach at perfect scaling.
/// Usage: <c>dotnet run -c Release --project bench -- pairs [N] [P] [L] [T] [R]</c> (defaults 4096 64 64 2 10).
/// </summary>
public static class PairThroughputCheck
{
    /// <summary>Runs the check; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int n = Arg(args, 0, 4096), pairs = Arg(args, 1, 64), depth = Arg(args, 2, 64), threads = Arg(args, 3, 2), repeats = Arg(args, 4, 10);
        var spec = new SimulationSpec(new NetworkSpec(n, depth, 1.0, 0.0, Activation.Tanh))
        {
            Observables = [Observable.Distance, Observable.Length],
            Trials = pairs,
        };
        var path = TrialPaths.Create(spec);
        var sink = new LastDistance(depth);
        TrialRunner.Run(path, pairs, sink, threads); // warm-up and tiering
        TrialRunner.Run(path, pairs, sink, 1);
        using var process = Process.GetCurrentProcess();
        double work = (double)pairs * depth;
        foreach (int t in threads == 1 ? [1] : new[] { 1, threads })
        {
            double wall = double.MaxValue, cpu = double.MaxValue;
            for (int r = 0; r < repeats; r++)
            {
                sink.Sum = 0;
                process.Refresh();
                var cpuStart = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                TrialRunner.Run(path, pairs, sink, t);
                clock.Stop();
                process.Refresh();
                wall = Math.Min(wall, clock.Elapsed.TotalMicroseconds / work);
                cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalMicroseconds / work);
            }
            Console.WriteLine($"exact N={n} pairs={pairs} L={depth} threads={t}: wall {wall:F2} us/pair-layer = {1e6 / wall:F0} pair-layers/s; " +
                $"CPU {cpu:F2} us/pair-layer = {t * 1e6 / cpu:F0} pair-layers/s on {t} idle core(s); mean distance at L {sink.Sum / pairs:G6} (same for any thread count)");
        }
        return 0;
    }

    private static int Arg(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;

    private sealed class LastDistance(int depth) : ITrialSink
    {
        public double Sum;
        public void Accept(long trial, ReadOnlySpan<double> activity, int divergedAt) => Sum += activity[depth];
    }
}

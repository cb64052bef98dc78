namespace Dip.Engine.Simulation;

/// <summary>Receives finished trials in trial order.</summary>
public interface ITrialSink
{
    /// <summary>
    /// One trial's activity (laid out as in <see cref="ITrialPath.Run"/>), or, when <paramref name="divergedAt"/> &gt;= 0,
    /// the first layer at which the trial diverged (its activity is then not to be used).
    /// </summary>
    void Accept(long trial, ReadOnlySpan<double> activity, int divergedAt);
}

/// <summary>
/// Runs trials 0..T-1 of a path in parallel, in blocks, and hands them to a sink strictly in trial order. A trial's
/// numbers depend only on (seed, trial), so the sink sees the same sequence for any thread count; memory is one block.
/// </summary>
public static class TrialRunner
{
    /// <summary>Runs <paramref name="trials"/> trials. <paramref name="maxThreads"/> &lt;= 0 means all cores;
    /// <paramref name="progress"/> receives the number of trials finished after each block.</summary>
    public static void Run(ITrialPath path, long trials, ITrialSink sink, int maxThreads = 0,
        IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sink);
        if (trials < 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, $"trials must be >= 0, got {trials}");
        int threads = maxThreads > 0 ? maxThreads : Environment.ProcessorCount;
        int stride = path.Observables.Count * (path.Depth + 1);
        int blockSize = (int)Math.Min(trials, Math.Max(4 * threads, Math.Min(1024, (1 << 24) / Math.Max(1, stride))));
        var activity = new double[(long)Math.Max(blockSize, 1) * stride];
        var diverged = new int[Math.Max(blockSize, 1)];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        for (long first = 0; first < trials; first += blockSize)
        {
            int count = (int)Math.Min(blockSize, trials - first);
            Parallel.For(0, count, options, k =>
                diverged[k] = path.Run(first + k, activity.AsSpan(k * stride, stride)));
            for (int k = 0; k < count; k++)
                sink.Accept(first + k, activity.AsSpan(k * stride, stride), diverged[k]);
            progress?.Report(first + count);
        }
    }
}

using Dip.Engine.Networks;

namespace Dip.Engine.Simulation;

/// <summary>
/// The finite-width growth rate of a small perturbation: the mean per-layer increment lambda = E[ln d^(l+1) - ln d^l] of
/// the distance between the clean and the perturbed trajectory (the Lyapunov exponent of the pair chain, theory.md §3.5).
/// Mean field puts the order-chaos transition at chi_1 = 1; at width N, ln d is a random walk whose drift is
/// ln chi_1 - O(1/N), so the walk is critical (zero drift) at a slightly larger sigma_w^2, which
/// <see cref="CriticalSigmaW2"/> finds by measurement. [proj]
/// </summary>
public static class DistanceGrowth
{
    /// <summary>
    /// A measured growth rate: the mean log increment per layer, its standard error (over trials), and the variance of a
    /// single layer's log increment (the diffusion constant of the log walk, about c / N).
    /// </summary>
    public readonly record struct Rate(double Mean, double StandardError, double IncrementVariance);

    /// <summary>
    /// Measures lambda on <paramref name="spec"/> (whose first observable must be the distance) over layers
    /// <paramref name="burnIn"/>..L: the mean over trials of each trial's mean log increment. Deterministic for a seed.
    /// </summary>
    public static Rate Measure(SimulationSpec spec, int burnIn, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Observables[0] != Observable.Distance)
            throw new ArgumentException($"the first observable must be the distance, got {spec.Observables[0]}", nameof(spec));
        if (burnIn < 0 || burnIn >= spec.Network.Depth)
            throw new ArgumentException($"burn-in must be in [0, depth = {spec.Network.Depth}), got {burnIn}", nameof(burnIn));
        var sink = new IncrementSink(spec.Network.Depth, burnIn);
        TrialRunner.Run(TrialPaths.Create(spec), spec.Trials, sink, maxThreads);
        if (sink.Count < 2)
            throw new ArgumentException($"fewer than two trials stayed finite and positive ({sink.Count} of {spec.Trials})", nameof(spec));
        double mean = sink.Sum / sink.Count;
        double variance = (sink.SumOfSquares - sink.Count * mean * mean) / (sink.Count - 1);
        double incrementMean = sink.IncrementSum / sink.Increments;
        double incrementVariance = sink.IncrementSumOfSquares / sink.Increments - incrementMean * incrementMean;
        return new Rate(mean, Math.Sqrt(Math.Max(variance, 0) / sink.Count), Math.Max(incrementVariance, 0));
    }

    /// <summary>
    /// The sigma_w^2 at which lambda = 0 for the spec's width, activation and sigma_b^2: two measurements with common random
    /// numbers (same seed) at <paramref name="start"/> and start * (1 + <paramref name="relativeStep"/>), then the secant
    /// root. Common random numbers make the difference of the two rates precise far beyond either rate's own error.
    /// </summary>
    public static (double SigmaW2, Rate AtStart, Rate AtStep) CriticalSigmaW2(SimulationSpec spec, double start, int burnIn,
        double relativeStep = 2e-3, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!(double.IsFinite(start) && start > 0))
            throw new ArgumentException($"start sigma_w^2 must be a finite number > 0, got {start}", nameof(start));
        if (!(double.IsFinite(relativeStep) && relativeStep > 0))
            throw new ArgumentException($"relative step must be a finite number > 0, got {relativeStep}", nameof(relativeStep));
        double stepped = start * (1 + relativeStep);
        var atStart = Measure(WithSigmaW2(spec, start), burnIn, maxThreads);
        var atStep = Measure(WithSigmaW2(spec, stepped), burnIn, maxThreads);
        double slope = (atStep.Mean - atStart.Mean) / (stepped - start);
        if (!(slope > 0))
            throw new ArgumentException($"the growth rate does not increase with sigma_w^2 near {start} (slope {slope}); is the spec near the order-chaos line?", nameof(start));
        return (start - atStart.Mean / slope, atStart, atStep);
    }

    /// <summary>The spec with another weight variance.</summary>
    public static SimulationSpec WithSigmaW2(SimulationSpec spec, double sigmaW2)
    {
        var n = spec.Network;
        return spec with { Network = new NetworkSpec(n.Width, n.Depth, sigmaW2, n.SigmaB2, n.Activation, n.Weights) };
    }

    /// <summary>Accumulates each trial's mean log increment of its first observable, and single-layer increments.</summary>
    private sealed class IncrementSink(int depth, int burnIn) : ITrialSink
    {
        public long Count, Increments;
        public double Sum, SumOfSquares, IncrementSum, IncrementSumOfSquares;

        public void Accept(long trial, ReadOnlySpan<double> activity, int divergedAt)
        {
            if (divergedAt >= 0) return;
            var series = activity.Slice(burnIn, depth - burnIn + 1);
            foreach (double d in series)
                if (!(d > 0 && double.IsFinite(d))) return;
            for (int l = 1; l < series.Length; l++)
            {
                double increment = Math.Log(series[l] / series[l - 1]);
                IncrementSum += increment;
                IncrementSumOfSquares += increment * increment;
            }
            Increments += series.Length - 1;
            double rate = Math.Log(series[^1] / series[0]) / (depth - burnIn);
            Count++;
            Sum += rate;
            SumOfSquares += rate * rate;
        }
    }
}

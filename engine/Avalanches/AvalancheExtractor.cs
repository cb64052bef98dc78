namespace Dip.Engine.Avalanches;

/// <summary>
/// Cuts activity series into avalanches (theory.md §4.3) with resolved thresholds, a mode and a size rule. Stateless
/// between series, so one extractor serves a stream of trials with memory independent of the number of trials.
/// </summary>
/// <param name="Thresholds">theta per layer.</param>
/// <param name="Mode">Seeded (one avalanche from the first layer) or spontaneous (every excursion).</param>
/// <param name="Size">Area above threshold or total area.</param>
/// <param name="WithProfiles">Attach each avalanche's per-layer contributions (needed for shape collapse).</param>
public sealed record AvalancheExtractor(LayerThresholds Thresholds, AvalancheMode Mode = AvalancheMode.Seeded,
    SizeRule Size = SizeRule.AboveThreshold, bool WithProfiles = false)
{
    /// <summary>
    /// Emits the avalanches of one series. <paramref name="series"/>[k] is the activity at layer firstLayer + k; a run that
    /// includes the last entry is flagged censored. Values must be finite (diverged trials are dropped upstream).
    /// </summary>
    public void Extract(long trial, int firstLayer, ReadOnlySpan<double> series, Action<Avalanche> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        int k = 0;
        while (k < series.Length)
        {
            if (!(series[k] > Thresholds[firstLayer + k]))
            {
                if (Mode == AvalancheMode.Seeded) return;
                k++;
                continue;
            }
            int start = k;
            while (k < series.Length && series[k] > Thresholds[firstLayer + k]) k++;
            emit(Build(trial, firstLayer, series, start, k));
            if (Mode == AvalancheMode.Seeded) return;
        }
    }

    private Avalanche Build(long trial, int firstLayer, ReadOnlySpan<double> series, int start, int end)
    {
        int duration = end - start;
        double[]? profile = WithProfiles ? new double[duration] : null;
        double size = 0;
        for (int k = start; k < end; k++)
        {
            double contribution = Size == SizeRule.AboveThreshold ? series[k] - Thresholds[firstLayer + k] : series[k];
            size += contribution;
            if (profile is not null) profile[k - start] = contribution;
        }
        return new Avalanche(trial, firstLayer + start, duration, size, end == series.Length, profile);
    }
}

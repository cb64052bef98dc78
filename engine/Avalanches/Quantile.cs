namespace Dip.Engine.Avalanches;

/// <summary>Sample quantiles (Hyndman &amp; Fan type 7: linear interpolation between order statistics, as R's default).</summary>
public static class Quantile
{
    /// <summary>The p-quantile of <paramref name="values"/> (not modified). Throws on an empty sample or p outside [0, 1].</summary>
    public static double OfUnsorted(ReadOnlySpan<double> values, double p)
    {
        if (values.Length == 0) throw new ArgumentException("quantile of an empty sample", nameof(values));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, $"p must be in [0, 1], got {p}");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

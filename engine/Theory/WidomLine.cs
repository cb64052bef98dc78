using Dip.Engine.Activations;

namespace Dip.Engine.Theory;

/// <summary>
/// The mean-field Widom line (theory.md §5, project definition): at fixed sigma_b^2 &gt; 0, the sigma_w^2 where the field
/// susceptibility chi_h = dq*/dsigma_b^2 = 1/(1 - F'(q*)) is largest. With a bias field chi_h stays finite, and its
/// ridge over (sigma_w^2, sigma_b^2) is the finite-field trace of the critical point; for tanh it lies inside the
/// ordered phase (chi_1 &lt; 1), apart from the order-chaos line.
/// </summary>
public static class WidomLine
{
    /// <summary>Search range of sigma_w^2: a log grid over [<see cref="MinSigmaW2"/>, <see cref="MaxSigmaW2"/>], then golden section.</summary>
    public const double MinSigmaW2 = 1e-2, MaxSigmaW2 = 1e2;

    private const int GridPoints = 161;

    /// <summary>
    /// The Widom point at this sigma_b^2: a log grid of sigma_w^2 brackets the largest chi_h, golden section refines it
    /// to 1e-9 relative in sigma_w^2 (chi_h is flat at its peak, so sigma_w^2 itself is good to about 1e-6).
    /// Throws <see cref="ArgumentException"/> when sigma_b^2 is not &gt; 0 or chi_h has no interior maximum in the range
    /// (ReLU, for instance, whose chi_h grows until the fixed point is lost at sigma_w^2 = 2).
    /// </summary>
    public static WidomPoint At(Activation activation, double sigmaB2)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (!(double.IsFinite(sigmaB2) && sigmaB2 > 0))
            throw new ArgumentException($"the Widom point needs a bias field: sigma_b^2 must be a finite number > 0, got {sigmaB2}", nameof(sigmaB2));
        double Slope(double logSw2) => SlopeAtFixedPoint(activation, Math.Exp(logSw2), sigmaB2);
        double a = Math.Log(MinSigmaW2), step = (Math.Log(MaxSigmaW2) - a) / (GridPoints - 1);
        double[] slopes = [.. Enumerable.Range(0, GridPoints).Select(k => Slope(a + k * step))];
        int best = Array.IndexOf(slopes, slopes.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max());
        if (best <= 0 || best >= GridPoints - 1 || !double.IsFinite(slopes[best - 1]) || !double.IsFinite(slopes[best + 1]))
            throw new ArgumentException(
                $"chi_h of {activation.Spec} at sigma_b^2 = {sigmaB2} has no interior maximum over sigma_w^2 in [{MinSigmaW2}, {MaxSigmaW2}]",
                nameof(activation));
        double peak = Math.Exp(GoldenMaximum(Slope, a + (best - 1) * step, a + (best + 1) * step, 1e-9));
        MeanFieldPoint point = new MeanField(activation, peak, sigmaB2).Solve();
        return new WidomPoint(peak, sigmaB2, point);
    }

    // F'(q*) (chi_h = 1/(1 - F'(q*)) grows with it); NaN where the length map has no finite fixed point
    private static double SlopeAtFixedPoint(Activation activation, double sigmaW2, double sigmaB2)
    {
        var field = new MeanField(activation, sigmaW2, sigmaB2);
        try { return field.LengthMapSlope(field.FixedPointLength()); }
        catch (NoFiniteFixedPointException) { return double.NaN; }
    }

    // golden-section search for the maximum of a unimodal f on [lo, hi], to an interval of width tolerance
    private static double GoldenMaximum(Func<double, double> f, double lo, double hi, double tolerance)
    {
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
        double f1 = f(x1), f2 = f(x2);
        while (hi - lo > tolerance)
        {
            if (f1 >= f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - ratio * (hi - lo); f1 = f(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + ratio * (hi - lo); f2 = f(x2); }
        }
        return 0.5 * (lo + hi);
    }
}

/// <summary>The Widom point at one sigma_b^2: its sigma_w^2 and the mean-field quantities there (chi_h is the peak height).</summary>
public sealed record WidomPoint(double SigmaW2, double SigmaB2, MeanFieldPoint Point);

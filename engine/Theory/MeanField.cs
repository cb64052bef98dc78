using Dip.Engine.Activations;

namespace Dip.Engine.Theory;

/// <summary>
/// Mean-field deep information propagation (Poole et al. 2016; Schoenholz et al. 2017; theory.md §2) for any activation:
/// the length map F(q), the covariance map, the fixed points q* and c*, chi_1, the depth scales xi_q and xi_c, the
/// field susceptibility chi_h = dq*/dsigma_b^2 = 1/(1 - F'(q*)) and the order-chaos line (the Widom point, where chi_h
/// peaks, is <see cref="WidomLine"/>).
/// Expectations use <see cref="GaussianExpectation"/> with the activation's kinks as breakpoints.
/// </summary>
public sealed class MeanField
{
    /// <summary>The mean-field description of a network family.</summary>
    public MeanField(Activation activation, double sigmaW2, double sigmaB2)
    {
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
        SigmaW2 = double.IsFinite(sigmaW2) && sigmaW2 > 0 ? sigmaW2 : throw new ArgumentException($"sigma_w^2 must be a finite number > 0, got {sigmaW2}", nameof(sigmaW2));
        SigmaB2 = double.IsFinite(sigmaB2) && sigmaB2 >= 0 ? sigmaB2 : throw new ArgumentException($"sigma_b^2 must be a finite number >= 0, got {sigmaB2}", nameof(sigmaB2));
    }

    /// <summary>The activation phi.</summary>
    public Activation Activation { get; }
    /// <summary>Weight variance scale.</summary>
    public double SigmaW2 { get; }
    /// <summary>Bias variance.</summary>
    public double SigmaB2 { get; }

    private IEnumerable<double> Breaks(double q) => Activation.Kinks.Select(k => k / Math.Sqrt(q));

    /// <summary>E phi(sqrt(q) z)^2.</summary>
    public double SecondMoment(double q) =>
        q <= 0 ? Square(Activation.Value(0)) : GaussianExpectation.Of(z => Square(Activation.Value(Math.Sqrt(q) * z)), Breaks(q));

    /// <summary>The length map F(q) = sigma_w^2 E phi(sqrt(q) z)^2 + sigma_b^2.</summary>
    public double LengthMap(double q) => SigmaW2 * SecondMoment(q) + SigmaB2;

    /// <summary>F'(q) = sigma_w^2 E[phi'^2 + phi phi''] (Stein's lemma).</summary>
    public double LengthMapSlope(double q)
    {
        if (q <= 0) return SigmaW2 * (Square(Activation.Derivative(0)) + Activation.Value(0) * Activation.SecondDerivative(0));
        double s = Math.Sqrt(q);
        return SigmaW2 * GaussianExpectation.Of(z =>
        {
            double x = s * z;
            return Square(Activation.Derivative(x)) + Activation.Value(x) * Activation.SecondDerivative(x);
        }, Breaks(q));
    }

    /// <summary>chi(q) = sigma_w^2 E phi'(sqrt(q) z)^2; chi_1 is its value at q*.</summary>
    public double Chi(double q) =>
        q <= 0 ? SigmaW2 * Square(Activation.Derivative(0))
            : SigmaW2 * GaussianExpectation.Of(z => Square(Activation.Derivative(Math.Sqrt(q) * z)), Breaks(q));

    /// <summary>The covariance map: sigma_w^2 E[phi(u_a) phi(u_b)] + sigma_b^2 for lengths qaa, qbb and correlation c.</summary>
    public double CovarianceMap(double qaa, double qbb, double c) =>
        SigmaW2 * PairExpectation(Activation.Value, qaa, qbb, c) + SigmaB2;

    /// <summary>E[f(u_a) f(u_b)] with u_a = sqrt(qaa) z1, u_b = sqrt(qbb)(c z1 + sqrt(1 - c^2) z2).</summary>
    public double PairExpectation(Func<double, double> f, double qaa, double qbb, double c)
    {
        double sa = Math.Sqrt(qaa), sb = Math.Sqrt(qbb), s = Math.Sqrt(Math.Max(0, 1 - c * c));
        if (s < 1e-12) return GaussianExpectation.Of(z => f(sa * z) * f(sb * c * z), Breaks(qaa));
        return GaussianExpectation.Of2(
            (z1, z2) => f(sa * z1) * f(sb * (c * z1 + s * z2)),
            Breaks(qaa),
            z1 => Activation.Kinks.Select(k => (k / sb - c * z1) / s));
    }

    /// <summary>
    /// The stable fixed point q* of the length map reached from large q: 0 when F(0) = 0 and F'(0) &lt;= 1, otherwise the
    /// largest crossing of F(q) = q found by scanning q downward from 1e6, refined by bisection to 1e-14 relative.
    /// Throws <see cref="NoFiniteFixedPointException"/> when F(q) &gt; q all the way to 1e6.
    /// </summary>
    public double FixedPointLength()
    {
        double g(double q) => LengthMap(q) - q;
        double hi = 1e6;
        if (g(hi) >= 0)
            throw new NoFiniteFixedPointException($"no finite fixed point of the length map for {Activation.Spec} at sigma_w^2 = {SigmaW2}, sigma_b^2 = {SigmaB2}: q grows without bound");
        double lo = hi;
        while (lo > 1e-300 && g(lo) < 0) { hi = lo; lo /= 2; }
        if (lo <= 1e-300) return 0.0;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (g(mid) >= 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Correlation fixed point c* at q = q*: 1 in the ordered phase (chi_1 &lt;= 1, where c = 1 is stable) or when q* = 0;
    /// otherwise the root of C(c) = c below 1 (C(c) - c &gt;= 0 at c = 0 and &lt; 0 just below 1), by bisection to 1e-12.
    /// </summary>
    public double FixedPointCorrelation(double qStar)
    {
        if (qStar <= 0 || Chi(qStar) <= 1.0) return 1.0;
        double g(double c) => CovarianceMap(qStar, qStar, c) / qStar - c;
        double lo = 0.0, hi = 1.0 - 1e-9;
        if (g(lo) < 0) lo = -1.0 + 1e-9;
        for (int i = 0; i < 60 && hi - lo > 1e-12; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (g(mid) >= 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>All mean-field quantities at this (phi, sigma_w^2, sigma_b^2).</summary>
    public MeanFieldPoint Solve()
    {
        double q = FixedPointLength();
        double chi1 = Chi(q);
        double slope = LengthMapSlope(q);
        double c = FixedPointCorrelation(q);
        double xiQ = -1.0 / Math.Log(slope);
        double xiC;
        if (c >= 1.0 - 1e-10) xiC = -1.0 / Math.Log(chi1);
        else xiC = -1.0 / Math.Log(SigmaW2 * PairExpectation(Activation.Derivative, q, q, c));
        return new MeanFieldPoint(q, c, chi1, xiQ, xiC, 1.0 / (1.0 - slope));
    }

    /// <summary>
    /// The order-chaos line: sigma_w^2 at which chi_1 = 1 for this activation and sigma_b^2 (bisection on [1e-3, 100],
    /// to 1e-12 relative). Throws <see cref="ArgumentException"/> when chi_1 does not cross 1 there.
    /// </summary>
    public static double CriticalSigmaW2(Activation activation, double sigmaB2)
    {
        double f(double sw2)
        {
            var field = new MeanField(activation, sw2, sigmaB2);
            return field.Chi(field.FixedPointLength()) - 1.0;
        }
        double lo = 1e-3, hi = 100.0;
        if (f(lo) > 0 || f(hi) < 0)
            throw new ArgumentException($"chi_1 does not cross 1 for sigma_w^2 in [{lo}, {hi}] ({activation.Spec}, sigma_b^2 = {sigmaB2})", nameof(sigmaB2));
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) > 0) hi = mid; else lo = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static double Square(double x) => x * x;
}

/// <summary>Mean-field quantities at one point: q*, c*, chi_1, xi_q, xi_c and chi_h = 1/(1 - F'(q*)).</summary>
public sealed record MeanFieldPoint(double QStar, double CStar, double Chi1, double XiQ, double XiC, double ChiH);

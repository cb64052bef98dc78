using Dip.Engine.Activations;

namespace Dip.Engine.Theory;

/// <summary>
/// The stochastic-DIP couplings of the per-layer length increment (theory.md §3.2; project derivation, not the target
/// paper's published formulas): Delta q = h + r q - u q^2 + sqrt((D1 q + D2 q^2)/N) xi, from the Taylor coefficients
/// a0..a4 of phi and (sigma_w^2, sigma_b^2):
/// h = sigma_b^2 + sigma_w^2 a0^2, r = sigma_w^2 (a1^2 + 2 a0 a2) - 1, u = -sigma_w^2 (3 a2^2 + 6 a1 a3 + 6 a0 a4),
/// D1 = 4 sigma_w^4 a0^2 a1^2, D2 = sigma_w^4 [2 (a1^2 + 2 a0 a2)^2 + 24 a0 a1 (a0 a3 + a1 a2)].
/// The recorded length q-hat^(l+1) = Q^l chi^2_N / N has the same D2: at small q, Q^l is a deterministic function of
/// q-hat^l (sigma_w^2 a1^2 q-hat^l + ...), so the chi^2 noise of q-hat is the noise of Q, not an extra term (theory.md
/// §3.2's "+ 2 sigma_w^4 a1^4" counts it twice; the Langevin-against-exact-chain KS test rejects the doubled value).
/// </summary>
public sealed record Couplings(double R, double H, double U, double D1, double D2)
{
    /// <summary>Couplings from Taylor coefficients a0..a4 (missing ones are 0).</summary>
    public static Couplings FromTaylor(IReadOnlyList<double> a, double sigmaW2, double sigmaB2)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!(double.IsFinite(sigmaW2) && sigmaW2 >= 0)) throw new ArgumentException($"sigma_w^2 must be a finite number >= 0, got {sigmaW2}", nameof(sigmaW2));
        if (!(double.IsFinite(sigmaB2) && sigmaB2 >= 0)) throw new ArgumentException($"sigma_b^2 must be a finite number >= 0, got {sigmaB2}", nameof(sigmaB2));
        double c(int k) => k < a.Count ? a[k] : 0.0;
        double a0 = c(0), a1 = c(1), a2 = c(2), a3 = c(3), a4 = c(4);
        double w2 = sigmaW2 * sigmaW2;
        double linear = a1 * a1 + 2 * a0 * a2;
        double d2 = w2 * (2 * linear * linear + 24 * a0 * a1 * (a0 * a3 + a1 * a2));
        return new Couplings(
            R: sigmaW2 * linear - 1,
            H: sigmaB2 + sigmaW2 * a0 * a0,
            U: -sigmaW2 * (3 * a2 * a2 + 6 * a1 * a3 + 6 * a0 * a4),
            D1: 4 * w2 * a0 * a0 * a1 * a1,
            D2: d2);
    }

    /// <summary>Couplings of an activation (which must have a Taylor series at 0).</summary>
    public static Couplings For(Activation activation, double sigmaW2, double sigmaB2)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (!activation.HasTaylorSeries)
            throw new ArgumentException($"activation {activation.Spec} has no Taylor series at 0, so the couplings are undefined", nameof(activation));
        return FromTaylor(activation.TaylorCoefficients(5), sigmaW2, sigmaB2);
    }

    /// <summary>The rescaled four-coupling form for u &gt; 0 (x = u q): (r, u h, u D1, D2).</summary>
    public Couplings Rescaled() =>
        U > 0 ? new Couplings(R, U * H, 1.0, U * D1, D2)
            : throw new InvalidOperationException($"rescaling needs u > 0, got u = {U}; keep the q^3 term instead");

    /// <summary>
    /// The stable fixed point of the reduced drift h + r q - u q^2 (theory.md §3.3): q* = (r + sqrt(r^2 + 4 u h)) / (2u),
    /// for u &gt; 0 and r^2 + 4uh &gt;= 0. At h = 0 it is max(r, 0) / u (beta = 1); at r = 0, sqrt(h / u) (delta = 2).
    /// </summary>
    public double DriftFixedPoint
    {
        get
        {
            double discriminant = CheckedDiscriminant();
            return (R + Math.Sqrt(discriminant)) / (2 * U);
        }
    }

    /// <summary>
    /// The field susceptibility of the reduced drift's fixed point, chi_h = dq*/dh = 1 / sqrt(r^2 + 4uh) (theory.md §3.3):
    /// 1/|r| at h = 0 (gamma_chi = 1); finite for h &gt; 0, largest near r = 0 (the Widom-type ridge, height (4uh)^(-1/2)).
    /// </summary>
    public double FieldSusceptibility => 1 / Math.Sqrt(CheckedDiscriminant());

    private double CheckedDiscriminant()
    {
        if (!(U > 0)) throw new InvalidOperationException($"the reduced drift's fixed point needs u > 0, got u = {U}");
        double discriminant = R * R + 4 * U * H;
        if (!(discriminant >= 0)) throw new InvalidOperationException($"r^2 + 4uh must be >= 0, got {discriminant} (r = {R}, u = {U}, h = {H})");
        return discriminant;
    }

    /// <summary>
    /// True when q = 0 is absorbing (h = 0). With h &gt; 0 there is no absorbing state: near q = 0 the model is a squared
    /// Bessel process of dimension 4hN/D1 (theory.md §3.5), and the class's exponents need that dimension to be &lt;&lt; 1.
    /// </summary>
    public bool HasAbsorbingState => H == 0;

    /// <summary>The dimension delta = 4hN/D1 of the squared Bessel process near q = 0 at width N (infinite when D1 = 0 and h &gt; 0).</summary>
    public double FieldDimension(int width) =>
        width >= 1 ? (H == 0 ? 0 : D1 > 0 ? 4 * H * width / D1 : double.PositiveInfinity)
            : throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be >= 1, got {width}");

    /// <summary>Crossover x_x = D1/D2 below which the D1 (branching) noise dominates (infinite when D2 = 0).</summary>
    public double Crossover => D2 > 0 ? D1 / D2 : double.PositiveInfinity;

    /// <summary>
    /// The noise exponent kappa near the absorbing state (theory.md §3.4): 1 when D1 &gt; 0 (variance ~ x), 2 when only D2
    /// is non-zero (variance ~ x^2), 0 when neither is (additive noise only).
    /// </summary>
    public int NoiseExponent => D1 > 0 ? 1 : D2 > 0 ? 2 : 0;

    /// <summary>The predicted avalanche class: "DP" (BM in a logarithmic trap) for kappa = 1, "free-BM" otherwise.</summary>
    public string PredictedClass => NoiseExponent == 1 ? "DP" : "free-BM";

    /// <summary>Predicted (tau_s, tau_d, gamma) of the class (theory.md §3.4).</summary>
    public AvalancheExponents PredictedExponents => AvalancheExponents.ForNoiseExponent(NoiseExponent);
}

/// <summary>Avalanche exponents: P(S) ~ S^-tau_s, P(D) ~ D^-tau_d, &lt;S&gt;(D) ~ D^gamma.</summary>
public sealed record AvalancheExponents(double TauS, double TauD, double Gamma)
{
    /// <summary>
    /// Exponents from the noise exponent (theory.md §3.4 boxed formulas, 0 &lt;= kappa &lt; 2): tau_d = gamma = (3 - kappa)/(2 - kappa),
    /// tau_s = (4 - kappa)/(3 - kappa). kappa = 2 (purely multiplicative noise with a threshold) gives the free-BM values of kappa = 0.
    /// </summary>
    public static AvalancheExponents ForNoiseExponent(double kappa)
    {
        if (!(kappa >= 0 && kappa <= 2)) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, $"kappa must be in [0, 2], got {kappa}");
        if (kappa == 2) kappa = 0;
        double tauD = (3 - kappa) / (2 - kappa);
        return new AvalancheExponents((4 - kappa) / (3 - kappa), tauD, tauD);
    }
}

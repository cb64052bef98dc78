namespace Dip.Engine.Activations;

/// <summary>
/// A pointwise activation function phi with its derivatives, its Taylor coefficients around 0 (which fix the couplings of the
/// stochastic theory, theory.md §3.2) and span kernels. Instances are immutable and thread-safe.
/// Create them with <see cref="Parse"/> or the static properties (<see cref="Tanh"/>, <see cref="Relu"/>, ...).
/// </summary>
public abstract class Activation
{
    /// <summary>The canonical specification string; <c>Activation.Parse(a.Spec)</c> gives an equal activation.</summary>
    public abstract string Spec { get; }

    /// <summary>phi(x).</summary>
    public abstract double Value(double x);

    /// <summary>phi'(x). Where phi has a kink (ReLU at 0, hard-tanh at ±1) the right derivative is returned.</summary>
    public abstract double Derivative(double x);

    /// <summary>phi''(x) (0 on the linear pieces of piecewise-linear activations).</summary>
    public abstract double SecondDerivative(double x);

    /// <summary>True when phi is analytic at 0, so that <see cref="TaylorCoefficients"/> is defined (false for ReLU).</summary>
    public virtual bool HasTaylorSeries => true;

    /// <summary>Points where phi or phi' is not smooth (empty for analytic activations); quadrature splits its range there.</summary>
    public virtual IReadOnlyList<double> Kinks => [];

    /// <summary>
    /// phi(x0), phi'(x0), ..., phi^(count-1)(x0): the first <paramref name="count"/> derivatives at <paramref name="x0"/>.
    /// Throws <see cref="NotSupportedException"/> where phi is not smooth at x0.
    /// </summary>
    public abstract double[] DerivativesAt(double x0, int count);

    /// <summary>
    /// Taylor coefficients a_0..a_(count-1) of phi around 0, phi(x) = sum a_k x^k (theory.md §3.2 uses a_0..a_4).
    /// Throws <see cref="NotSupportedException"/> when <see cref="HasTaylorSeries"/> is false.
    /// </summary>
    public double[] TaylorCoefficients(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1, got {count}");
        if (!HasTaylorSeries)
            throw new NotSupportedException($"activation '{Spec}' is not analytic at 0, so it has no Taylor coefficients");
        double[] coefficients = DerivativesAt(0.0, count);
        double factorial = 1.0;
        for (int k = 1; k < count; k++)
        {
            factorial *= k;
            coefficients[k] /= factorial;
        }
        return coefficients;
    }

    /// <summary>y[i] = phi(x[i]). Spans of equal length; x and y may be the same span. Vectorized.</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> y) { CheckLengths(x.Length, y.Length); ApplyCore(x, y); }

    /// <summary>y[i] = phi(x[i]) in double precision. Spans of equal length; x and y may be the same span. Vectorized.</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> y) { CheckLengths(x.Length, y.Length); ApplyCore(x, y); }

    /// <summary>y[i] = phi'(x[i]). Spans of equal length; x and y may be the same span. Vectorized.</summary>
    public void ApplyDerivative(ReadOnlySpan<float> x, Span<float> y) { CheckLengths(x.Length, y.Length); ApplyDerivativeCore(x, y); }

    /// <summary>y[i] = phi'(x[i]) in double precision. Spans of equal length; x and y may be the same span. Vectorized.</summary>
    public void ApplyDerivative(ReadOnlySpan<double> x, Span<double> y) { CheckLengths(x.Length, y.Length); ApplyDerivativeCore(x, y); }

    /// <summary>Unchecked kernel behind <see cref="Apply(ReadOnlySpan{float}, Span{float})"/>; lengths are equal.</summary>
    protected internal abstract void ApplyCore(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Unchecked kernel behind <see cref="Apply(ReadOnlySpan{double}, Span{double})"/>; lengths are equal.</summary>
    protected internal abstract void ApplyCore(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>Unchecked kernel behind <see cref="ApplyDerivative(ReadOnlySpan{float}, Span{float})"/>; lengths are equal.</summary>
    protected internal abstract void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Unchecked kernel behind <see cref="ApplyDerivative(ReadOnlySpan{double}, Span{double})"/>; lengths are equal.</summary>
    protected internal abstract void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y);

    /// <inheritdoc/>
    public override string ToString() => Spec;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Activation other && other.Spec == Spec;

    /// <inheritdoc/>
    public override int GetHashCode() => Spec.GetHashCode(StringComparison.Ordinal);

    private static void CheckLengths(int xLength, int yLength)
    {
        if (xLength != yLength)
            throw new ArgumentException($"input and output spans must have equal lengths, got {xLength} and {yLength}", "y");
    }

    /// <summary>tanh.</summary>
    public static Activation Tanh { get; } = new TanhActivation();

    /// <summary>ReLU, max(0, x) (relu'(0) = 1, the right derivative).</summary>
    public static Activation Relu { get; } = new ReluActivation();

    /// <summary>The error function erf.</summary>
    public static Activation Erf { get; } = new ErfActivation();

    /// <summary>The identity (a linear network).</summary>
    public static Activation Linear { get; } = new LinearActivation();

    /// <summary>Hard tanh, clamp(x, -1, 1).</summary>
    public static Activation HardTanh { get; } = new HardTanhActivation();

    /// <summary>The polynomial sum a_k x^k with the given coefficients a_0..a_K (at least one).</summary>
    public static Activation Polynomial(params double[] coefficients) => new PolynomialActivation(coefficients);

    /// <summary>The composition outer(inner(x)), e.g. tanh of a polynomial to keep the dynamics bounded.</summary>
    public static Activation Compose(Activation outer, Activation inner) => new ComposedActivation(outer, inner);

    /// <summary>
    /// Parses a specification: <c>tanh</c>, <c>relu</c>, <c>erf</c>, <c>linear</c>, <c>hardtanh</c>,
    /// <c>poly:a0,a1,...</c> (Taylor coefficients, invariant culture), or <c>NAME(SPEC)</c> for a composition
    /// such as <c>tanh(poly:0,1,0.5)</c>. Throws <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static Activation Parse(string spec) => ActivationParser.Parse(spec);
}

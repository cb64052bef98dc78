using Dip.Engine.Kernels;
using System.Globalization;

namespace Dip.Engine.Activations;

/// <summary>
/// phi(x) = sum_k a_k x^k given by its Taylor coefficients a_0..a_K: the way to design an activation from the couplings of
/// theory.md §3.2. Unbounded for K &gt;= 2; compose it with tanh (<see cref="Activation.Compose"/>) to keep dynamics bounded.
/// </summary>
public sealed class PolynomialActivation : Activation
{
    private readonly double[] _coefficients;
    private readonly double[] _derivative; // (k+1) a_(k+1), k = 0..K-1 (or [0] for a constant)
    private readonly float[] _valueSingle, _derivativeSingle;

    /// <summary>Creates the polynomial; throws <see cref="ArgumentException"/> when there is no coefficient or one is not finite.</summary>
    public PolynomialActivation(double[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Length == 0) throw new ArgumentException("a polynomial needs at least one coefficient", nameof(coefficients));
        for (int k = 0; k < coefficients.Length; k++)
            if (!double.IsFinite(coefficients[k]))
                throw new ArgumentException($"coefficient a{k} must be finite, got {coefficients[k]}", nameof(coefficients));
        _coefficients = (double[])coefficients.Clone();
        _derivative = _coefficients.Length == 1 ? [0.0] : [.. _coefficients.Skip(1).Select((a, k) => (k + 1) * a)];
        _valueSingle = [.. _coefficients.Select(a => (float)a)];
        _derivativeSingle = [.. _derivative.Select(a => (float)a)];
        Spec = "poly:" + string.Join(",", _coefficients.Select(c => c.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>A copy of the coefficients a_0..a_K.</summary>
    public double[] Coefficients => (double[])_coefficients.Clone();

    /// <inheritdoc/>
    public override string Spec { get; }

    /// <inheritdoc/>
    public override double Value(double x) => Horner(_coefficients, x);

    /// <inheritdoc/>
    public override double Derivative(double x) => DerivativesAt(x, 2)[1];

    /// <inheritdoc/>
    public override double SecondDerivative(double x) => DerivativesAt(x, 3)[2];

    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        var derivatives = new double[count];
        double[] current = _coefficients;
        for (int n = 0; n < count && current.Length > 0; n++)
        {
            derivatives[n] = Horner(current, x0);
            var next = new double[Math.Max(current.Length - 1, 0)];
            for (int k = 1; k < current.Length; k++) next[k - 1] = k * current[k];
            current = next;
        }
        return derivatives;
    }

    private static double Horner(double[] coefficients, double x)
    {
        double value = 0.0;
        for (int k = coefficients.Length - 1; k >= 0; k--) value = value * x + coefficients[k];
        return value;
    }

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply(x, y, new PolynomialOperator<float>(_valueSingle));

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply(x, y, new PolynomialOperator<double>(_coefficients));

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply(x, y, new PolynomialOperator<float>(_derivativeSingle));

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply(x, y, new PolynomialOperator<double>(_derivative));
}

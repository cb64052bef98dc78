using Dip.Engine.Kernels;
using Dip.Engine.Numerics;

namespace Dip.Engine.Activations;

/// <summary>phi(x) = erf x. For n &gt;= 1, phi^(n)(x) = (2/sqrt(pi)) (-1)^(n-1) H_(n-1)(x) e^(-x^2) with physicists' Hermite H.</summary>
public sealed class ErfActivation : Activation
{
    /// <inheritdoc/>
    public override string Spec => "erf";
    /// <inheritdoc/>
    public override double Value(double x) => ErrorFunction.Erf(x);
    /// <inheritdoc/>
    public override double Derivative(double x) => ErrorFunction.Derivative(x);
    /// <inheritdoc/>
    public override double SecondDerivative(double x) => -2.0 * x * ErrorFunction.Derivative(x);

    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        var derivatives = new double[count];
        derivatives[0] = ErrorFunction.Erf(x0);
        double gaussian = ErrorFunction.Derivative(x0);
        double hermitePrevious = 0.0, hermite = 1.0; // H_(-1) unused, H_0 = 1
        for (int n = 1; n < count; n++)
        {
            int k = n - 1; // derivative n uses H_k
            derivatives[n] = (k % 2 == 0 ? 1.0 : -1.0) * hermite * gaussian;
            double next = 2.0 * x0 * hermite - 2.0 * k * hermitePrevious;
            hermitePrevious = hermite;
            hermite = next;
        }
        return derivatives;
    }

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply<float, ErfOperator>(x, y, default);

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply<double, ErfOperator>(x, y, default);

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply<float, ErfDerivativeOperator>(x, y, default);

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply<double, ErfDerivativeOperator>(x, y, default);
}

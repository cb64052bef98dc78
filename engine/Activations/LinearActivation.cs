using Dip.Engine.Kernels;

namespace Dip.Engine.Activations;

/// <summary>phi(x) = x: a linear network, the pure multiplicative case of theory.md §7.</summary>
public sealed class LinearActivation : Activation
{
    /// <inheritdoc/>
    public override string Spec => "linear";
    /// <inheritdoc/>
    public override double Value(double x) => x;
    /// <inheritdoc/>
    public override double Derivative(double x) => 1.0;
    /// <inheritdoc/>
    public override double SecondDerivative(double x) => 0.0;
    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        var derivatives = new double[count];
        derivatives[0] = x0;
        if (count > 1) derivatives[1] = 1.0;
        return derivatives;
    }

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => x.CopyTo(y);

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => x.CopyTo(y);

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) => y.Fill(1f);

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) => y.Fill(1.0);
}

using Dip.Engine.Kernels;

namespace Dip.Engine.Activations;

/// <summary>phi(x) = clamp(x, -1, 1): linear near 0 (Taylor series x), kinks at ±1 (right derivatives there).</summary>
public sealed class HardTanhActivation : Activation
{
    /// <inheritdoc/>
    public override string Spec => "hardtanh";
    /// <inheritdoc/>
    public override double Value(double x) => Math.Clamp(x, -1.0, 1.0);
    /// <inheritdoc/>
    public override double Derivative(double x) => x >= -1.0 && x < 1.0 ? 1.0 : 0.0;
    /// <inheritdoc/>
    public override double SecondDerivative(double x) => 0.0;

    /// <inheritdoc />
    public override IReadOnlyList<double> Kinks => [-1.0, 1.0];
    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        if (Math.Abs(x0) == 1.0) throw new NotSupportedException("hardtanh is not differentiable at ±1");
        var derivatives = new double[count];
        derivatives[0] = Value(x0);
        if (count > 1) derivatives[1] = Derivative(x0);
        return derivatives;
    }

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply(x, y, new HardTanhOperator<float>());

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply(x, y, new HardTanhOperator<double>());

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply(x, y, new WindowOperator<float>());

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply(x, y, new WindowOperator<double>());
}

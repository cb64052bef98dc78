using Dip.Engine.Kernels;

namespace Dip.Engine.Activations;

/// <summary>phi(x) = max(0, x). Not analytic at 0: it has no Taylor series; relu'(0) = 1 (right derivative).</summary>
public sealed class ReluActivation : Activation
{
    /// <inheritdoc/>
    public override string Spec => "relu";
    /// <inheritdoc/>
    public override bool HasTaylorSeries => false;
    /// <inheritdoc/>
    public override double Value(double x) => x > 0.0 ? x : 0.0;
    /// <inheritdoc/>
    public override double Derivative(double x) => x >= 0.0 ? 1.0 : 0.0;
    /// <inheritdoc/>
    public override double SecondDerivative(double x) => 0.0;

    /// <inheritdoc />
    public override IReadOnlyList<double> Kinks => [0.0];
    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        if (x0 == 0.0) throw new NotSupportedException("relu is not differentiable at 0");
        var derivatives = new double[count];
        derivatives[0] = Value(x0);
        if (count > 1) derivatives[1] = x0 > 0.0 ? 1.0 : 0.0;
        return derivatives;
    }

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply(x, y, new ReluOperator<float>());

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply(x, y, new ReluOperator<double>());

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Apply(x, y, new StepOperator<float>());

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Apply(x, y, new StepOperator<double>());
}

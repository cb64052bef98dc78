namespace Dip.Engine.Activations;

/// <summary>Base for activations whose span kernels are, for now, the scalar reference loops.</summary>
public abstract class ScalarKernelActivation : Activation
{
    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => ActivationReference.Apply(this, x, y);
    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => ActivationReference.Apply(this, x, y);
    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) => ActivationReference.ApplyDerivative(this, x, y);
    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) => ActivationReference.ApplyDerivative(this, x, y);
}

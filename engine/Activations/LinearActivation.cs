namespace Dip.Engine.Activations;

/// <summary>phi(x) = x: a linear network, the pure multiplicative case of theory.md §7.</summary>
public sealed class LinearActivation : ScalarKernelActivation
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
}

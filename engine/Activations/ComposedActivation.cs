namespace Dip.Engine.Activations;

/// <summary>
/// phi(x) = outer(inner(x)), e.g. tanh(poly) as a saturating wrap. Derivatives by Faà di Bruno, done as composition of
/// truncated Taylor series around inner(x0).
/// </summary>
public sealed class ComposedActivation : ScalarKernelActivation
{
    /// <summary>Creates outer(inner(x)).</summary>
    public ComposedActivation(Activation outer, Activation inner)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(inner);
        Outer = outer;
        Inner = inner;
    }

    /// <summary>The outer function.</summary>
    public Activation Outer { get; }

    /// <summary>The inner function.</summary>
    public Activation Inner { get; }

    /// <inheritdoc/>
    public override string Spec => $"{Outer.Spec}({Inner.Spec})";

    /// <inheritdoc/>
    public override bool HasTaylorSeries => Inner.HasTaylorSeries && Outer.HasTaylorSeries;

    /// <summary>The inner activation's kinks (kinks of the outer one are not mapped back through the inner one).</summary>
    public override IReadOnlyList<double> Kinks => Inner.Kinks;

    /// <inheritdoc/>
    public override double Value(double x) => Outer.Value(Inner.Value(x));

    /// <inheritdoc/>
    public override double Derivative(double x) => Outer.Derivative(Inner.Value(x)) * Inner.Derivative(x);

    /// <inheritdoc/>
    public override double SecondDerivative(double x)
    {
        double u = Inner.Value(x), du = Inner.Derivative(x);
        return Outer.SecondDerivative(u) * du * du + Outer.Derivative(u) * Inner.SecondDerivative(x);
    }

    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        double[] inner = PowerSeries.DerivativesToCoefficients(Inner.DerivativesAt(x0, count));
        double[] outer = PowerSeries.DerivativesToCoefficients(Outer.DerivativesAt(inner[0], count));
        inner[0] = 0.0;
        return PowerSeries.CoefficientsToDerivatives(PowerSeries.Compose(outer, inner, count));
    }
}

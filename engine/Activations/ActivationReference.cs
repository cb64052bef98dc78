namespace Dip.Engine.Activations;

/// <summary>
/// Plain scalar loops over <see cref="Activation.Value"/> and <see cref="Activation.Derivative"/>: the reference that
/// every vectorized activation kernel is tested against. Never optimize it.
/// </summary>
public static class ActivationReference
{
    /// <summary>y[i] = (float)phi(x[i]), evaluated in double precision. Spans of equal length.</summary>
    public static void Apply(Activation phi, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = (float)phi.Value(x[i]);
    }

    /// <summary>y[i] = phi(x[i]). Spans of equal length.</summary>
    public static void Apply(Activation phi, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = phi.Value(x[i]);
    }

    /// <summary>y[i] = (float)phi'(x[i]), evaluated in double precision. Spans of equal length.</summary>
    public static void ApplyDerivative(Activation phi, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = (float)phi.Derivative(x[i]);
    }

    /// <summary>y[i] = phi'(x[i]). Spans of equal length.</summary>
    public static void ApplyDerivative(Activation phi, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = phi.Derivative(x[i]);
    }
}

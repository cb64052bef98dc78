using Dip.Engine.Kernels;

namespace Dip.Engine.Activations;

/// <summary>phi(x) = tanh x. Derivatives are polynomials in t = tanh x: P_0 = t, P_(n+1) = P_n'(t) (1 - t^2).</summary>
public sealed class TanhActivation : Activation
{
    /// <inheritdoc/>
    public override string Spec => "tanh";
    /// <inheritdoc/>
    public override double Value(double x) => Math.Tanh(x);
    /// <inheritdoc/>
    public override double Derivative(double x) { double t = Math.Tanh(x); return 1.0 - t * t; }
    /// <inheritdoc/>
    public override double SecondDerivative(double x) { double t = Math.Tanh(x); return -2.0 * t * (1.0 - t * t); }

    /// <inheritdoc/>
    public override double[] DerivativesAt(double x0, int count)
    {
        double t = Math.Tanh(x0);
        var derivatives = new double[count];
        double[] polynomial = [0.0, 1.0]; // P_0(t) = t, coefficients in powers of t
        for (int n = 0; n < count; n++)
        {
            derivatives[n] = Evaluate(polynomial, t);
            // P' (1 - t^2)
            var next = new double[polynomial.Length + 1];
            for (int k = 1; k < polynomial.Length; k++)
            {
                next[k - 1] += k * polynomial[k];
                next[k + 1] -= k * polynomial[k];
            }
            polynomial = next;
        }
        return derivatives;
    }

    private static double Evaluate(double[] coefficients, double t)
    {
        double value = 0.0;
        for (int k = coefficients.Length - 1; k >= 0; k--) value = value * t + coefficients[k];
        return value;
    }

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<float> x, Span<float> y) => System.Numerics.Tensors.TensorPrimitives.Tanh(x, y);

    /// <inheritdoc/>
    protected internal override void ApplyCore(ReadOnlySpan<double> x, Span<double> y) => TanhDouble(x, y);

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<float> x, Span<float> y) { System.Numerics.Tensors.TensorPrimitives.Tanh(x, y); Elementwise.Apply(y, y, new OneMinusSquareOperator<float>()); }

    /// <inheritdoc/>
    protected internal override void ApplyDerivativeCore(ReadOnlySpan<double> x, Span<double> y) { TanhDouble(x, y); Elementwise.Apply(y, y, new OneMinusSquareOperator<double>()); }

    /// <summary>The 512-bit kernel where AVX-512 runs; elsewhere TensorPrimitives (its 256-bit path beats scalar tails).</summary>
    private static void TanhDouble(ReadOnlySpan<double> x, Span<double> y)
    {
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) Elementwise.Apply(x, y, new TanhOperator());
        else System.Numerics.Tensors.TensorPrimitives.Tanh(x, y);
    }
}

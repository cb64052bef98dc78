namespace Dip.Engine.Activations;

/// <summary>Truncated power series arithmetic on coefficient arrays c[0..n-1] (sum c_k t^k), used to compose Taylor series.</summary>
internal static class PowerSeries
{
    /// <summary>The product a*b truncated to <paramref name="count"/> terms.</summary>
    public static double[] Multiply(double[] a, double[] b, int count)
    {
        var product = new double[count];
        for (int i = 0; i < Math.Min(a.Length, count); i++)
            for (int j = 0; j < Math.Min(b.Length, count - i); j++)
                product[i + j] += a[i] * b[j];
        return product;
    }

    /// <summary>sum_n outer[n] * inner^n truncated to <paramref name="count"/> terms; inner[0] must be 0.</summary>
    public static double[] Compose(double[] outer, double[] inner, int count)
    {
        var result = new double[count];
        var power = new double[count];
        power[0] = 1.0;
        for (int n = 0; n < Math.Min(outer.Length, count); n++)
        {
            for (int k = 0; k < count; k++) result[k] += outer[n] * power[k];
            power = Multiply(power, inner, count);
        }
        return result;
    }

    /// <summary>Converts derivatives f^(k) to Taylor coefficients f^(k)/k! (in place) and returns the array.</summary>
    public static double[] DerivativesToCoefficients(double[] derivatives)
    {
        double factorial = 1.0;
        for (int k = 1; k < derivatives.Length; k++) { factorial *= k; derivatives[k] /= factorial; }
        return derivatives;
    }

    /// <summary>Converts Taylor coefficients to derivatives f^(k) = k! c_k (in place) and returns the array.</summary>
    public static double[] CoefficientsToDerivatives(double[] coefficients)
    {
        double factorial = 1.0;
        for (int k = 1; k < coefficients.Length; k++) { factorial *= k; coefficients[k] *= factorial; }
        return coefficients;
    }
}

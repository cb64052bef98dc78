using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dip.Engine.Kernels;

/// <summary>
/// Vector elementary functions for the samplers, from truncated Taylor series on reduced arguments (no tables):
/// ln x = 2 atanh(s) with s = (m - 1)/(m + 1), m in [sqrt(1/2), sqrt(2)); sin/cos of 2 pi u reduced to quarter turns.
/// Valid for the arguments the samplers pass: positive finite x for the logarithms, u in [0, 1] for the turns.
/// </summary>
internal static class VectorMath
{
    private const float Ln2F = 0.693147180559945309f;
    private const double Ln2 = 0.693147180559945309;

    // 1/3, 1/5, ..., 1/23: 2 atanh s = 2s (1 + sum_k LogSeries[k-1] s^(2k))
    private static readonly double[] LogSeries = [.. Enumerable.Range(1, 11).Select(k => 1.0 / (2 * k + 1))];
    // -1/3!, 1/5!, ..., -1/19!: sin x = x + x^3 sum_k SinSeries[k] x^(2k)
    private static readonly double[] SinSeries = [.. Enumerable.Range(1, 9).Select(k => Signed(k) / Factorial(2 * k + 1))];
    // -1/2!, 1/4!, ..., 1/20!: cos x = 1 + x^2 sum_k CosSeries[k] x^(2k)
    private static readonly double[] CosSeries = [.. Enumerable.Range(1, 10).Select(k => Signed(k) / Factorial(2 * k))];

    private static double Signed(int k) => k % 2 == 0 ? 1.0 : -1.0;
    private static double Factorial(int n) => n <= 1 ? 1.0 : n * Factorial(n - 1);

    /// <summary>ln x for positive normal x; max relative error about 1e-7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<int> bits = x.AsInt32();
        // bias the exponent so that the mantissa m falls in [sqrt(1/2), sqrt(2))
        Vector512<int> shifted = bits - Vector512.Create(0x3F3504F3);
        Vector512<int> exponent = Vector512.ShiftRightArithmetic(shifted, 23);
        Vector512<float> m = (bits - Vector512.ShiftLeft(exponent, 23)).AsSingle();
        Vector512<float> s = (m - Vector512<float>.One) * Reciprocal(m + Vector512<float>.One);
        Vector512<float> s2 = s * s;
        // 2 atanh s = 2s (1 + s^2/3 + s^4/5 + ...), |s| <= 0.1716, s^2 <= 0.0295: terms to s^11
        Vector512<float> p = Vector512.Create(1f / 11f);
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 9f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 7f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 5f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 3f));
        p = p * s2;
        Vector512<float> twoS = s + s;
        Vector512<float> lnM = Vector512.FusedMultiplyAdd(twoS, p, twoS);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(exponent), Vector512.Create(Ln2F), lnM);
    }

    /// <summary>1/d from the 14-bit estimate and one Newton step (relative error below 1e-7 for normal positive d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Reciprocal(Vector512<float> d)
    {
        Vector512<float> r = Avx512F.Reciprocal14(d);
        return Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-d, r, Vector512<float>.One), r);
    }

    /// <summary>sqrt v for positive normal v, from the 14-bit reciprocal square root and one Newton step (relative error below 1e-7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sqrt(Vector512<float> v)
    {
        Vector512<float> y = Avx512F.ReciprocalSqrt14(v);
        Vector512<float> vy = v * y;
        // y (3 - v y^2) / 2, times v
        return vy * Vector512.FusedMultiplyAdd(-vy, y * Vector512.Create(0.5f), Vector512.Create(1.5f));
    }

    /// <summary>ln x for positive normal x; max relative error about 2e-16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Log(Vector512<double> x)
    {
        Vector512<long> bits = x.AsInt64();
        Vector512<long> shifted = bits - Vector512.Create(0x3FE6A09E667F3BCDL);
        Vector512<long> exponent = Vector512.ShiftRightArithmetic(shifted, 52);
        Vector512<double> m = (bits - Vector512.ShiftLeft(exponent, 52)).AsDouble();
        Vector512<double> s = (m - Vector512<double>.One) / (m + Vector512<double>.One);
        Vector512<double> s2 = s * s;
        // terms to s^23: the first omitted one is below 0.0295^12 / 25 ~ 2e-20
        Vector512<double> p = Vector512.Create(LogSeries[^1]);
        for (int k = LogSeries.Length - 2; k >= 0; k--)
            p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(LogSeries[k]));
        p = p * s2;
        Vector512<double> twoS = s + s;
        Vector512<double> lnM = Vector512.FusedMultiplyAdd(twoS, p, twoS);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToDouble(exponent), Vector512.Create(Ln2), lnM);
    }

    /// <summary>cos(2 pi u) and sin(2 pi u) for u in [0, 1]; the reduction u - q/4 is exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosTurns(Vector512<float> u, out Vector512<float> sin, out Vector512<float> cos)
    {
        Vector512<float> q = Vector512.Round(u * Vector512.Create(4f));
        Vector512<float> x = Vector512.FusedMultiplyAdd(q, Vector512.Create(-0.25f), u) * Vector512.Create(2f * MathF.PI);
        Vector512<float> x2 = x * x;
        // |x| <= pi/4: sin to x^9, cos to x^10 (omitted terms below 1.8e-9, a sixteenth of the float half-ulp at 1)
        Vector512<float> sp = Vector512.Create(1f / 362880f);
        sp = Vector512.FusedMultiplyAdd(sp, x2, Vector512.Create(-1f / 5040f));
        sp = Vector512.FusedMultiplyAdd(sp, x2, Vector512.Create(1f / 120f));
        sp = Vector512.FusedMultiplyAdd(sp, x2, Vector512.Create(-1f / 6f));
        Vector512<float> s = Vector512.FusedMultiplyAdd(sp * x2, x, x);
        Vector512<float> cp = Vector512.Create(-1f / 3628800f);
        cp = Vector512.FusedMultiplyAdd(cp, x2, Vector512.Create(1f / 40320f));
        cp = Vector512.FusedMultiplyAdd(cp, x2, Vector512.Create(-1f / 720f));
        cp = Vector512.FusedMultiplyAdd(cp, x2, Vector512.Create(1f / 24f));
        cp = Vector512.FusedMultiplyAdd(cp, x2, Vector512.Create(-0.5f));
        Vector512<float> c = Vector512.FusedMultiplyAdd(cp, x2, Vector512<float>.One);
        // (cos, sin) of x + q pi/2: q = 0 (c, s), 1 (-s, c), 2 (-c, -s), 3 (s, -c), 4 as 0. Swap where q is odd; the sign of
        // cos is bit 1 of q + 1 (q = 1, 2), the sign of sin bit 1 of q (q = 2, 3), each shifted into the sign bit.
        Vector512<int> quadrant = Vector512.ConvertToInt32(q);
        Vector512<float> odd = Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(quadrant, 31), 31).AsSingle();
        Vector512<int> signBit = Vector512.Create(int.MinValue);
        Vector512<int> cosSign = Vector512.ShiftLeft(quadrant + Vector512<int>.One, 30) & signBit;
        Vector512<int> sinSign = Vector512.ShiftLeft(quadrant, 30) & signBit;
        cos = (Vector512.ConditionalSelect(odd, s, c).AsInt32() ^ cosSign).AsSingle();
        sin = (Vector512.ConditionalSelect(odd, c, s).AsInt32() ^ sinSign).AsSingle();
    }

    /// <summary>cos(2 pi u) and sin(2 pi u) for u in [0, 1] in double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosTurns(Vector512<double> u, out Vector512<double> sin, out Vector512<double> cos)
    {
        Vector512<double> q = Vector512.Round(u * Vector512.Create(4.0));
        // 2 pi split in two parts so that the product with the exact reduced turn keeps full precision
        Vector512<double> r = u - q * Vector512.Create(0.25);
        Vector512<double> x = Vector512.FusedMultiplyAdd(r, Vector512.Create(6.283185307179586),
            r * Vector512.Create(2.4492935982947064e-16));
        Vector512<double> x2 = x * x;
        // sin to x^19, cos to x^20 (omitted terms < 1e-19)
        Vector512<double> sp = Vector512.Create(SinSeries[^1]);
        for (int k = SinSeries.Length - 2; k >= 0; k--) sp = Vector512.FusedMultiplyAdd(sp, x2, Vector512.Create(SinSeries[k]));
        Vector512<double> s = Vector512.FusedMultiplyAdd(sp * x2, x, x);
        Vector512<double> cp = Vector512.Create(CosSeries[^1]);
        for (int k = CosSeries.Length - 2; k >= 0; k--) cp = Vector512.FusedMultiplyAdd(cp, x2, Vector512.Create(CosSeries[k]));
        Vector512<double> c = Vector512.FusedMultiplyAdd(cp, x2, Vector512<double>.One);
        Vector512<long> quadrant = Vector512.ConvertToInt64(q) & Vector512.Create(3L);
        Vector512<long> odd = Vector512.Equals(quadrant & Vector512<long>.One, Vector512<long>.One);
        Vector512<long> negCos = Vector512.Equals(quadrant, Vector512.Create(1L)) | Vector512.Equals(quadrant, Vector512.Create(2L));
        Vector512<long> negSin = Vector512.Equals(quadrant, Vector512.Create(2L)) | Vector512.Equals(quadrant, Vector512.Create(3L));
        Vector512<double> cosBase = Vector512.ConditionalSelect(odd.AsDouble(), s, c);
        Vector512<double> sinBase = Vector512.ConditionalSelect(odd.AsDouble(), c, s);
        Vector512<long> signBit = Vector512.Create(long.MinValue);
        cos = (cosBase.AsInt64() ^ (negCos & signBit)).AsDouble();
        sin = (sinBase.AsInt64() ^ (negSin & signBit)).AsDouble();
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dip.Engine.Kernels;

/// <summary>
/// The fused pointwise steps of one exact pair-layer (theory.md §3.1), each one pass over an L1-sized chunk:
/// Mix turns two blocks of standard normals into (h^a, delta); <see cref="Moments"/> sums what the
/// observables and the divergence check need and prepares the arguments of phi; <see cref="Gram"/> forms
/// Delta phi with the precision rule of <see cref="MidpointBelow"/> and sums the Gram matrix. Scalar references:
/// <see cref="PairKernelsReference"/>. All spans of one call have equal lengths.
/// </summary>
internal static class PairKernels
{
    /// <summary>Below this |delta_i|, Delta phi_i is delta_i phi'(h^a_i + delta_i / 2) (relative error ~ delta^2 / 24) rather
    /// than the difference phi(h^b_i) - phi(h^a_i) (relative error ~ 1e-16 / |delta_i|): the two cross near 1e-5.</summary>
    internal const double MidpointBelow = 1e-5;

    /// <summary>In place: z1 becomes h = scale z1 and z2 becomes delta = along z1 + across z2 (one fused multiply-add).</summary>
    internal static void Mix(Span<double> z1, Span<double> z2, double scale, double along, double across)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double a = ref MemoryMarshal.GetReference(z1);
            ref double b = ref MemoryMarshal.GetReference(z2);
            Vector512<double> s = Vector512.Create(scale), p = Vector512.Create(along), q = Vector512.Create(across);
            for (; i <= z1.Length - 8; i += 8)
            {
                Vector512<double> x = Vector512.LoadUnsafe(ref a, (nuint)i), y = Vector512.LoadUnsafe(ref b, (nuint)i);
                Vector512.FusedMultiplyAdd(x, p, q * y).StoreUnsafe(ref b, (nuint)i);
                (s * x).StoreUnsafe(ref a, (nuint)i);
            }
        }
        for (; i < z1.Length; i++)
        {
            double x = z1[i];
            z2[i] = Math.FusedMultiplyAdd(x, along, across * z2[i]);
            z1[i] = scale * x;
        }
    }

    /// <summary>
    /// <see cref="Mix(Span{double}, Span{double}, double, double, double)"/> from float normals (widened to double before
    /// any arithmetic) into <paramref name="h"/> and <paramref name="delta"/>, followed by <see cref="Moments"/> on the
    /// result, in one pass. Returns how many |delta_i| are below <see cref="MidpointBelow"/>.
    /// </summary>
    internal static int MixMoments(ReadOnlySpan<float> z1, ReadOnlySpan<float> z2, Span<double> h, Span<double> delta,
        Span<double> hb, Span<double> half, double scale, double along, double across, double threshold, ref PairStateSums sums)
    {
        int i = 0, small = 0;
        if (Vector512.IsHardwareAccelerated && z1.Length >= 16)
        {
            ref float ar = ref MemoryMarshal.GetReference(z1);
            ref float br = ref MemoryMarshal.GetReference(z2);
            ref double hr = ref MemoryMarshal.GetReference(h);
            ref double dr = ref MemoryMarshal.GetReference(delta);
            ref double sr = ref MemoryMarshal.GetReference(hb);
            ref double mr = ref MemoryMarshal.GetReference(half);
            Vector512<double> s = Vector512.Create(scale), p = Vector512.Create(along), q = Vector512.Create(across);
            Vector512<double> limit = Vector512.Create(threshold), mid = Vector512.Create(MidpointBelow), halfV = Vector512.Create(0.5);
            Vector512<double> sh = default, sh2 = default, sd = default, sd2 = default;
            Vector512<long> active = default, below = default;
            for (; i <= z1.Length - 16; i += 16)
            {
                (Vector512<double> x0, Vector512<double> x1) = Vector512.Widen(Vector512.LoadUnsafe(ref ar, (nuint)i));
                (Vector512<double> y0, Vector512<double> y1) = Vector512.Widen(Vector512.LoadUnsafe(ref br, (nuint)i));
                for (int k = 0; k < 2; k++)
                {
                    Vector512<double> x = k == 0 ? x0 : x1, y = k == 0 ? y0 : y1;
                    nuint at = (nuint)(i + 8 * k);
                    Vector512<double> d = Vector512.FusedMultiplyAdd(x, p, q * y);
                    Vector512<double> v = s * x;
                    v.StoreUnsafe(ref hr, at);
                    d.StoreUnsafe(ref dr, at);
                    sh += v;
                    sh2 = Vector512.FusedMultiplyAdd(v, v, sh2);
                    sd += d;
                    sd2 = Vector512.FusedMultiplyAdd(d, d, sd2);
                    Vector512<double> size = Vector512.Abs(d);
                    active -= Vector512.GreaterThan(size, limit).AsInt64();
                    below -= Vector512.LessThan(size, mid).AsInt64();
                    (v + d).StoreUnsafe(ref sr, at);
                    Vector512.FusedMultiplyAdd(d, halfV, v).StoreUnsafe(ref mr, at);
                }
            }
            sums.H += Vector512.Sum(sh);
            sums.H2 += Vector512.Sum(sh2);
            sums.D += Vector512.Sum(sd);
            sums.D2 += Vector512.Sum(sd2);
            sums.Active += Vector512.Sum(active);
            small = (int)Vector512.Sum(below);
        }
        for (int j = i; j < z1.Length; j++)
        {
            double x = z1[j];
            delta[j] = Math.FusedMultiplyAdd(x, along, across * (double)z2[j]);
            h[j] = scale * x;
        }
        return small + Moments(h[i..], delta[i..], hb[i..], half[i..], threshold, ref sums);
    }

    /// <summary>
    /// Adds sum h, sum h^2, sum delta, sum delta^2 and the count of |delta_i| &gt; <paramref name="threshold"/> to
    /// <paramref name="sums"/>; writes hb = h + delta and half = h + delta / 2 (the arguments of phi and of phi').
    /// Returns how many |delta_i| are below <see cref="MidpointBelow"/> (NaN is not below).
    /// </summary>
    internal static int Moments(ReadOnlySpan<double> h, ReadOnlySpan<double> delta, Span<double> hb, Span<double> half,
        double threshold, ref PairStateSums sums)
    {
        int i = 0, small = 0;
        if (Vector512.IsHardwareAccelerated && h.Length >= 8)
        {
            ref double hr = ref MemoryMarshal.GetReference(h);
            ref double dr = ref MemoryMarshal.GetReference(delta);
            ref double br = ref MemoryMarshal.GetReference(hb);
            ref double mr = ref MemoryMarshal.GetReference(half);
            Vector512<double> sh = default, sh2 = default, sd = default, sd2 = default;
            Vector512<long> active = default, below = default;
            Vector512<double> limit = Vector512.Create(threshold), mid = Vector512.Create(MidpointBelow), halfV = Vector512.Create(0.5);
            for (; i <= h.Length - 8; i += 8)
            {
                Vector512<double> x = Vector512.LoadUnsafe(ref hr, (nuint)i), d = Vector512.LoadUnsafe(ref dr, (nuint)i);
                sh += x;
                sh2 = Vector512.FusedMultiplyAdd(x, x, sh2);
                sd += d;
                sd2 = Vector512.FusedMultiplyAdd(d, d, sd2);
                Vector512<double> size = Vector512.Abs(d);
                active -= Vector512.GreaterThan(size, limit).AsInt64();
                below -= Vector512.LessThan(size, mid).AsInt64();
                (x + d).StoreUnsafe(ref br, (nuint)i);
                Vector512.FusedMultiplyAdd(d, halfV, x).StoreUnsafe(ref mr, (nuint)i);
            }
            sums.H += Vector512.Sum(sh);
            sums.H2 += Vector512.Sum(sh2);
            sums.D += Vector512.Sum(sd);
            sums.D2 += Vector512.Sum(sd2);
            sums.Active += Vector512.Sum(active);
            small = (int)Vector512.Sum(below);
        }
        for (; i < h.Length; i++)
        {
            double x = h[i], d = delta[i];
            sums.H += x;
            sums.H2 += x * x;
            sums.D += d;
            sums.D2 += d * d;
            if (Math.Abs(d) > threshold) sums.Active++;
            if (Math.Abs(d) < MidpointBelow) small++;
            hb[i] = x + d;
            half[i] = Math.FusedMultiplyAdd(d, 0.5, x);
        }
        return small;
    }

    /// <summary>
    /// Delta phi_i = delta_i slope_i where |delta_i| &lt; <see cref="MidpointBelow"/>, else phiB_i - phiA_i; adds
    /// sum phiA^2, sum phiA Delta phi, sum (Delta phi)^2 to <paramref name="sums"/>. Entries of the branch not taken
    /// are never used, so a caller may leave them unwritten (any value, NaN included).
    /// </summary>
    internal static void Gram(ReadOnlySpan<double> phiA, ReadOnlySpan<double> phiB, ReadOnlySpan<double> delta,
        ReadOnlySpan<double> slope, ref PairGramSums sums)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && phiA.Length >= 8)
        {
            ref double ar = ref MemoryMarshal.GetReference(phiA);
            ref double br = ref MemoryMarshal.GetReference(phiB);
            ref double dr = ref MemoryMarshal.GetReference(delta);
            ref double sr = ref MemoryMarshal.GetReference(slope);
            Vector512<double> aa = default, ad = default, dd = default, mid = Vector512.Create(MidpointBelow);
            for (; i <= phiA.Length - 8; i += 8)
            {
                Vector512<double> a = Vector512.LoadUnsafe(ref ar, (nuint)i), d = Vector512.LoadUnsafe(ref dr, (nuint)i);
                Vector512<double> small = Vector512.LessThan(Vector512.Abs(d), mid);
                Vector512<double> dphi = Vector512.ConditionalSelect(small, d * Vector512.LoadUnsafe(ref sr, (nuint)i),
                    Vector512.LoadUnsafe(ref br, (nuint)i) - a);
                aa = Vector512.FusedMultiplyAdd(a, a, aa);
                ad = Vector512.FusedMultiplyAdd(a, dphi, ad);
                dd = Vector512.FusedMultiplyAdd(dphi, dphi, dd);
            }
            sums.AA += Vector512.Sum(aa);
            sums.AD += Vector512.Sum(ad);
            sums.DD += Vector512.Sum(dd);
        }
        for (; i < phiA.Length; i++)
        {
            double a = phiA[i], d = delta[i];
            double dphi = Math.Abs(d) < MidpointBelow ? d * slope[i] : phiB[i] - a;
            sums.AA += a * a;
            sums.AD += a * dphi;
            sums.DD += dphi * dphi;
        }
    }
}

namespace Dip.Engine.Kernels;

/// <summary>
/// Plain scalar references of <see cref="PairKernels"/>: one element at a time, left-to-right sums, no fused operations.
/// </summary>
internal static class PairKernelsReference
{
    /// <summary>Reference of <see cref="PairKernels.Mix(Span{double}, Span{double}, double, double, double)"/>.</summary>
    internal static void Mix(Span<double> z1, Span<double> z2, double scale, double along, double across)
    {
        for (int i = 0; i < z1.Length; i++)
        {
            double x = z1[i];
            z2[i] = along * x + across * z2[i];
            z1[i] = scale * x;
        }
    }

    /// <summary>Reference of <see cref="PairKernels.MixMoments"/>: the float normals widened, then Mix and Moments.</summary>
    internal static int MixMoments(ReadOnlySpan<float> z1, ReadOnlySpan<float> z2, Span<double> h, Span<double> delta,
        Span<double> hb, Span<double> half, double scale, double along, double across, double threshold, ref PairStateSums sums)
    {
        for (int i = 0; i < z1.Length; i++)
        {
            h[i] = z1[i];
            delta[i] = z2[i];
        }
        Mix(h, delta, scale, along, across);
        return Moments(h, delta, hb, half, threshold, ref sums);
    }

    /// <summary>Reference of <see cref="PairKernels.Moments"/>.</summary>
    internal static int Moments(ReadOnlySpan<double> h, ReadOnlySpan<double> delta, Span<double> hb, Span<double> half,
        double threshold, ref PairStateSums sums)
    {
        int small = 0;
        for (int i = 0; i < h.Length; i++)
        {
            sums.H += h[i];
            sums.H2 += h[i] * h[i];
            sums.D += delta[i];
            sums.D2 += delta[i] * delta[i];
            if (Math.Abs(delta[i]) > threshold) sums.Active++;
            if (Math.Abs(delta[i]) < PairKernels.MidpointBelow) small++;
            hb[i] = h[i] + delta[i];
            half[i] = h[i] + 0.5 * delta[i];
        }
        return small;
    }

    /// <summary>Reference of <see cref="PairKernels.Gram"/>.</summary>
    internal static void Gram(ReadOnlySpan<double> phiA, ReadOnlySpan<double> phiB, ReadOnlySpan<double> delta,
        ReadOnlySpan<double> slope, ref PairGramSums sums)
    {
        for (int i = 0; i < phiA.Length; i++)
        {
            double dphi = Math.Abs(delta[i]) < PairKernels.MidpointBelow ? delta[i] * slope[i] : phiB[i] - phiA[i];
            sums.AA += phiA[i] * phiA[i];
            sums.AD += phiA[i] * dphi;
            sums.DD += dphi * dphi;
        }
    }
}

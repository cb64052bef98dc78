using Dip.Engine.Kernels;

namespace Dip.Engine.Random;

/// <summary>
/// Vectorized standard normals (AVX-512: 16 Philox blocks per step, vector log and sin/cos), in exactly the layout of
/// <see cref="NormalsReference"/> and equal to it up to the polynomial approximation error (about 1e-6 absolute for
/// float, 1e-14 for double). Falls back to the reference where AVX-512 is missing. Thread-safe.
/// </summary>
public static class Normals
{
    /// <summary>Fills <paramref name="destination"/> (any length) with float normals start, start+1, ... of the stream.</summary>
    public static void Fill(RandomStream stream, ulong start, Span<float> destination)
    {
        if (PhiloxVector.IsSupported) NormalKernels.Fill(stream, start, destination);
        else NormalsReference.Fill(stream, start, destination);
    }

    /// <summary>Fills <paramref name="destination"/> (any length) with double normals start, start+1, ... of the stream.</summary>
    public static void Fill(RandomStream stream, ulong start, Span<double> destination)
    {
        if (PhiloxVector.IsSupported) NormalKernels.Fill(stream, start, destination);
        else NormalsReference.Fill(stream, start, destination);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dip.Engine.Random;

namespace Dip.Engine.Kernels;

/// <summary>
/// Box-Muller normals and uniform words from 16 Philox blocks per step, in the layout of <see cref="NormalsReference"/>.
/// Each step yields one chunk (float: 64 normals from blocks 16c..16c+15; double: 32 normals); spans that start or end
/// inside a chunk go through a stack buffer.
/// </summary>
internal static class NormalKernels
{
    private static readonly Vector512<int> PairLo = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> PairHi = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    private static readonly Vector512<long> QuadLo = Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11);
    private static readonly Vector512<long> QuadHi = Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15);

    internal static void Fill(RandomStream stream, ulong start, Span<float> destination)
    {
        const int Chunk = 64;
        Span<float> buffer = stackalloc float[Chunk];
        ulong chunk = start / Chunk;
        int skip = (int)(start % Chunk), written = 0;
        while (written < destination.Length)
        {
            int take = Math.Min(Chunk - skip, destination.Length - written);
            if (skip == 0 && take == Chunk)
                Chunk64(stream, chunk * 16, destination.Slice(written, Chunk));
            else
            {
                Chunk64(stream, chunk * 16, buffer);
                buffer.Slice(skip, take).CopyTo(destination.Slice(written));
            }
            written += take;
            skip = 0;
            chunk++;
        }
    }

    internal static void Fill(RandomStream stream, ulong start, Span<double> destination)
    {
        const int Chunk = 32;
        Span<double> buffer = stackalloc double[Chunk];
        ulong chunk = start / Chunk;
        int skip = (int)(start % Chunk), written = 0;
        while (written < destination.Length)
        {
            int take = Math.Min(Chunk - skip, destination.Length - written);
            if (skip == 0 && take == Chunk)
                Chunk32(stream, chunk * 16, destination.Slice(written, Chunk));
            else
            {
                Chunk32(stream, chunk * 16, buffer);
                buffer.Slice(skip, take).CopyTo(destination.Slice(written));
            }
            written += take;
            skip = 0;
            chunk++;
        }
    }

    /// <summary>Uniform words of the stream mapped by <see cref="Uniform.Single"/> to (0, 1), then y = scale (2u - 1).</summary>
    internal static void FillSymmetricUniform(RandomStream stream, ulong start, float scale, Span<float> destination)
    {
        const int Chunk = 64;
        Span<float> buffer = stackalloc float[Chunk];
        ulong chunk = start / Chunk;
        int skip = (int)(start % Chunk), written = 0;
        while (written < destination.Length)
        {
            int take = Math.Min(Chunk - skip, destination.Length - written);
            UniformChunk64(stream, chunk * 16, scale, buffer);
            buffer.Slice(skip, take).CopyTo(destination.Slice(written));
            written += take;
            skip = 0;
            chunk++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> UniformSingle(Vector512<uint> word) =>
        (Vector512.ConvertToSingle(Vector512.ShiftRightLogical(word, 8).AsInt32()) + Vector512.Create(0.5f))
        * Vector512.Create(1.0f / 16777216.0f);

    private static void Chunk64(RandomStream stream, ulong firstBlock, Span<float> destination)
    {
        PhiloxVector.Blocks16(stream, firstBlock, out var x0, out var x1, out var x2, out var x3);
        // u = 1 (the top word rounds up in float) gives -2 ln u = -0, which the rsqrt-based Sqrt turns into NaN: clamp to a
        // tiny positive normal, so the radius is ~1e-15 where the reference has exactly 0.
        Vector512<float> floor = Vector512.Create(1e-30f);
        Vector512<float> r01 = VectorMath.Sqrt(Vector512.Max(VectorMath.Log(UniformSingle(x0)) * Vector512.Create(-2f), floor));
        Vector512<float> r23 = VectorMath.Sqrt(Vector512.Max(VectorMath.Log(UniformSingle(x2)) * Vector512.Create(-2f), floor));
        VectorMath.SinCosTurns(UniformSingle(x1), out var s01, out var c01);
        VectorMath.SinCosTurns(UniformSingle(x3), out var s23, out var c23);
        Vector512<float> a = r01 * c01, b = r01 * s01, c = r23 * c23, d = r23 * s23;
        // interleave so that block k gives destination[4k .. 4k+3] = a_k, b_k, c_k, d_k
        Vector512<double> abLo = Avx512F.PermuteVar16x32x2(a, PairLo, b).AsDouble();
        Vector512<double> abHi = Avx512F.PermuteVar16x32x2(a, PairHi, b).AsDouble();
        Vector512<double> cdLo = Avx512F.PermuteVar16x32x2(c, PairLo, d).AsDouble();
        Vector512<double> cdHi = Avx512F.PermuteVar16x32x2(c, PairHi, d).AsDouble();
        ref float target = ref MemoryMarshal.GetReference(destination);
        Avx512F.PermuteVar8x64x2(abLo, QuadLo, cdLo).AsSingle().StoreUnsafe(ref target, 0);
        Avx512F.PermuteVar8x64x2(abLo, QuadHi, cdLo).AsSingle().StoreUnsafe(ref target, 16);
        Avx512F.PermuteVar8x64x2(abHi, QuadLo, cdHi).AsSingle().StoreUnsafe(ref target, 32);
        Avx512F.PermuteVar8x64x2(abHi, QuadHi, cdHi).AsSingle().StoreUnsafe(ref target, 48);
    }

    private static void Chunk32(RandomStream stream, ulong firstBlock, Span<double> destination)
    {
        PhiloxVector.Blocks16(stream, firstBlock, out var x0, out var x1, out var x2, out var x3);
        ref double target = ref MemoryMarshal.GetReference(destination);
        (Vector512<ulong> h0Lo, Vector512<ulong> h0Hi) = Vector512.Widen(x0);
        (Vector512<ulong> l0Lo, Vector512<ulong> l0Hi) = Vector512.Widen(x1);
        (Vector512<ulong> h1Lo, Vector512<ulong> h1Hi) = Vector512.Widen(x2);
        (Vector512<ulong> l1Lo, Vector512<ulong> l1Hi) = Vector512.Widen(x3);
        Half8(UniformDouble(h0Lo, l0Lo), UniformDouble(h1Lo, l1Lo), ref target, 0);
        Half8(UniformDouble(h0Hi, l0Hi), UniformDouble(h1Hi, l1Hi), ref target, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> UniformDouble(Vector512<ulong> high, Vector512<ulong> low) =>
        (Vector512.ConvertToDouble(Vector512.ShiftLeft(high, 21) | Vector512.ShiftRightLogical(low, 11)) + Vector512.Create(0.5))
        * Vector512.Create(1.0 / 9007199254740992.0);

    // 8 blocks: normals 2k (r cos) and 2k+1 (r sin)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Half8(Vector512<double> u0, Vector512<double> u1, ref double target, int offset)
    {
        Vector512<double> r = Vector512.Sqrt(VectorMath.Log(u0) * Vector512.Create(-2.0));
        VectorMath.SinCosTurns(u1, out var s, out var c);
        Vector512<double> a = r * c, b = r * s;
        Avx512F.PermuteVar8x64x2(a, QuadLo, b).StoreUnsafe(ref target, (nuint)offset);
        Avx512F.PermuteVar8x64x2(a, QuadHi, b).StoreUnsafe(ref target, (nuint)(offset + 8));
    }

    private static void UniformChunk64(RandomStream stream, ulong firstBlock, float scale, Span<float> destination)
    {
        PhiloxVector.Blocks16(stream, firstBlock, out var x0, out var x1, out var x2, out var x3);
        Vector512<float> twoScale = Vector512.Create(2f * scale), minusScale = Vector512.Create(-scale);
        Vector512<float> a = Vector512.FusedMultiplyAdd(UniformSingle(x0), twoScale, minusScale);
        Vector512<float> b = Vector512.FusedMultiplyAdd(UniformSingle(x1), twoScale, minusScale);
        Vector512<float> c = Vector512.FusedMultiplyAdd(UniformSingle(x2), twoScale, minusScale);
        Vector512<float> d = Vector512.FusedMultiplyAdd(UniformSingle(x3), twoScale, minusScale);
        Vector512<double> abLo = Avx512F.PermuteVar16x32x2(a, PairLo, b).AsDouble();
        Vector512<double> abHi = Avx512F.PermuteVar16x32x2(a, PairHi, b).AsDouble();
        Vector512<double> cdLo = Avx512F.PermuteVar16x32x2(c, PairLo, d).AsDouble();
        Vector512<double> cdHi = Avx512F.PermuteVar16x32x2(c, PairHi, d).AsDouble();
        ref float target = ref MemoryMarshal.GetReference(destination);
        Avx512F.PermuteVar8x64x2(abLo, QuadLo, cdLo).AsSingle().StoreUnsafe(ref target, 0);
        Avx512F.PermuteVar8x64x2(abLo, QuadHi, cdLo).AsSingle().StoreUnsafe(ref target, 16);
        Avx512F.PermuteVar8x64x2(abHi, QuadLo, cdHi).AsSingle().StoreUnsafe(ref target, 32);
        Avx512F.PermuteVar8x64x2(abHi, QuadHi, cdHi).AsSingle().StoreUnsafe(ref target, 48);
    }
}

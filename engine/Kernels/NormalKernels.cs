using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dip.Engine.Random;

namespace Dip.Engine.Kernels;

/// <summary>
/// Box-Muller normals and uniform words from Philox blocks, in the layout of <see cref="NormalsReference"/>. One shared
/// driver walks the span in chunks (the outputs of one set of 16 blocks: 64 floats or 32 doubles), four chunks per
/// <see cref="PhiloxVector.Blocks64"/> call where the span allows; spans that start or end inside a chunk go through a
/// stack buffer. An operator struct per output kind maps the four word vectors of a set to its chunk.
/// </summary>
internal static class NormalKernels
{
    internal static void Fill(RandomStream stream, ulong start, Span<float> destination) =>
        Drive(stream, start, destination, new SingleNormals());

    internal static void Fill(RandomStream stream, ulong start, Span<double> destination) =>
        Drive(stream, start, destination, new DoubleNormals());

    /// <summary>Uniform words of the stream mapped by <see cref="Uniform.Single"/> to (0, 1), then y = scale (2u - 1).</summary>
    internal static void FillSymmetricUniform(RandomStream stream, ulong start, float scale, Span<float> destination) =>
        Drive(stream, start, destination, new SymmetricUniform(scale));

    private interface IChunkOperator<T> where T : unmanaged
    {
        /// <summary>Outputs per set of 16 blocks.</summary>
        static abstract int ChunkLength { get; }

        /// <summary>Writes the chunk of the set whose words are w0..w3 to destination[0..ChunkLength).</summary>
        void Apply(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref T destination);
    }

    private static void Drive<T, TOperator>(RandomStream stream, ulong start, Span<T> destination, TOperator op)
        where T : unmanaged where TOperator : struct, IChunkOperator<T>
    {
        int chunkLength = TOperator.ChunkLength;
        Span<T> buffer = stackalloc T[chunkLength];
        Span<Vector512<uint>> words = stackalloc Vector512<uint>[16];
        ulong chunk = start / (ulong)chunkLength;
        int skip = (int)(start % (ulong)chunkLength), written = 0;
        ref T target = ref MemoryMarshal.GetReference(destination);
        while (written < destination.Length)
        {
            if (skip == 0 && destination.Length - written >= 4 * chunkLength)
            {
                PhiloxVector.Blocks64(stream, chunk * 16, words);
                for (int set = 0; set < 4; set++)
                    op.Apply(words[4 * set], words[4 * set + 1], words[4 * set + 2], words[4 * set + 3],
                        ref Unsafe.Add(ref target, written + set * chunkLength));
                written += 4 * chunkLength;
                chunk += 4;
                continue;
            }
            int take = Math.Min(chunkLength - skip, destination.Length - written);
            PhiloxVector.Blocks16(stream, chunk * 16, out var x0, out var x1, out var x2, out var x3);
            if (skip == 0 && take == chunkLength)
                op.Apply(x0, x1, x2, x3, ref Unsafe.Add(ref target, written));
            else
            {
                op.Apply(x0, x1, x2, x3, ref MemoryMarshal.GetReference(buffer));
                buffer.Slice(skip, take).CopyTo(destination.Slice(written));
            }
            written += take;
            skip = 0;
            chunk++;
        }
    }

    private static readonly Vector512<int> PairLo = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> PairHi = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    private static readonly Vector512<long> QuadLo = Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11);
    private static readonly Vector512<long> QuadHi = Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> UniformSingle(Vector512<uint> word) =>
        (Vector512.ConvertToSingle(Vector512.ShiftRightLogical(word, 8).AsInt32()) + Vector512.Create(0.5f))
        * Vector512.Create(1.0f / 16777216.0f);

    // interleave so that block k of the set gives target[4k .. 4k+3] = a_k, b_k, c_k, d_k
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d, ref float target)
    {
        Vector512<double> abLo = Avx512F.PermuteVar16x32x2(a, PairLo, b).AsDouble();
        Vector512<double> abHi = Avx512F.PermuteVar16x32x2(a, PairHi, b).AsDouble();
        Vector512<double> cdLo = Avx512F.PermuteVar16x32x2(c, PairLo, d).AsDouble();
        Vector512<double> cdHi = Avx512F.PermuteVar16x32x2(c, PairHi, d).AsDouble();
        Avx512F.PermuteVar8x64x2(abLo, QuadLo, cdLo).AsSingle().StoreUnsafe(ref target, 0);
        Avx512F.PermuteVar8x64x2(abLo, QuadHi, cdLo).AsSingle().StoreUnsafe(ref target, 16);
        Avx512F.PermuteVar8x64x2(abHi, QuadLo, cdHi).AsSingle().StoreUnsafe(ref target, 32);
        Avx512F.PermuteVar8x64x2(abHi, QuadHi, cdHi).AsSingle().StoreUnsafe(ref target, 48);
    }

    /// <summary>64 float normals per set: words 0, 2 give the radii, words 1, 3 the angles.</summary>
    private readonly struct SingleNormals : IChunkOperator<float>
    {
        public static int ChunkLength => 64;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref float destination)
        {
            // u = 1 (the top word rounds up in float) gives -2 ln u = -0, which the rsqrt-based Sqrt turns into NaN: clamp to a
            // tiny positive normal, so the radius is ~1e-15 where the reference has exactly 0.
            Vector512<float> floor = Vector512.Create(1e-30f);
            Vector512<float> r01 = VectorMath.Sqrt(Vector512.Max(VectorMath.Log(UniformSingle(w0)) * Vector512.Create(-2f), floor));
            Vector512<float> r23 = VectorMath.Sqrt(Vector512.Max(VectorMath.Log(UniformSingle(w2)) * Vector512.Create(-2f), floor));
            VectorMath.SinCosTurns(UniformSingle(w1), out var s01, out var c01);
            VectorMath.SinCosTurns(UniformSingle(w3), out var s23, out var c23);
            StoreInterleaved(r01 * c01, r01 * s01, r23 * c23, r23 * s23, ref destination);
        }
    }

    /// <summary>32 double normals per set: 53-bit uniforms from word pairs (0, 1) for the radii and (2, 3) for the angles.</summary>
    private readonly struct DoubleNormals : IChunkOperator<double>
    {
        public static int ChunkLength => 32;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref double destination)
        {
            (Vector512<ulong> h0Lo, Vector512<ulong> h0Hi) = Vector512.Widen(w0);
            (Vector512<ulong> l0Lo, Vector512<ulong> l0Hi) = Vector512.Widen(w1);
            (Vector512<ulong> h1Lo, Vector512<ulong> h1Hi) = Vector512.Widen(w2);
            (Vector512<ulong> l1Lo, Vector512<ulong> l1Hi) = Vector512.Widen(w3);
            Half8(UniformDouble(h0Lo, l0Lo), UniformDouble(h1Lo, l1Lo), ref destination, 0);
            Half8(UniformDouble(h0Hi, l0Hi), UniformDouble(h1Hi, l1Hi), ref destination, 16);
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
    }

    /// <summary>64 floats per set, one per word: scale (2u - 1).</summary>
    private readonly struct SymmetricUniform(float scale) : IChunkOperator<float>
    {
        public static int ChunkLength => 64;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(Vector512<uint> w0, Vector512<uint> w1, Vector512<uint> w2, Vector512<uint> w3, ref float destination)
        {
            Vector512<float> twoScale = Vector512.Create(2f * scale), minusScale = Vector512.Create(-scale);
            StoreInterleaved(
                Vector512.FusedMultiplyAdd(UniformSingle(w0), twoScale, minusScale),
                Vector512.FusedMultiplyAdd(UniformSingle(w1), twoScale, minusScale),
                Vector512.FusedMultiplyAdd(UniformSingle(w2), twoScale, minusScale),
                Vector512.FusedMultiplyAdd(UniformSingle(w3), twoScale, minusScale),
                ref destination);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dip.Engine.Random;

namespace Dip.Engine.Kernels;

/// <summary>
/// Philox4x32-10 on 16 counters at once (AVX-512): blocks first..first+15 of one stream, bit-identical to
/// <see cref="Philox4x32.Block"/>. Output vector j holds word j of each of the 16 blocks (lane = block - first).
/// The 32x32 -> 64 multiply uses vpmuludq on even lanes and on the odd lanes shifted down.
/// </summary>
internal static class PhiloxVector
{
    internal static bool IsSupported => Avx512F.IsSupported && Avx512DQ.IsSupported;

    private static readonly Vector512<uint> LaneIndex = Vector512.Create(0u, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Blocks16(RandomStream stream, ulong first,
        out Vector512<uint> x0, out Vector512<uint> x1, out Vector512<uint> x2, out Vector512<uint> x3)
    {
        Vector512<uint> lowBase = Vector512.Create((uint)first);
        Vector512<uint> c0 = lowBase + LaneIndex;
        // carry into the high counter word where the low word wrapped around
        Vector512<uint> carry = Vector512.LessThan(c0, lowBase) & Vector512<uint>.One;
        Vector512<uint> c1 = Vector512.Create((uint)(first >> 32)) + carry;
        Vector512<uint> c2 = Vector512.Create((uint)stream.Id);
        Vector512<uint> c3 = Vector512.Create((uint)(stream.Id >> 32));
        uint k0 = (uint)stream.Seed, k1 = (uint)(stream.Seed >> 32);
        Vector512<uint> m0 = Vector512.Create(Philox4x32.M0), m1 = Vector512.Create(Philox4x32.M1);
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += Philox4x32.W0; k1 += Philox4x32.W1; }
            MulHiLo(c0, m0, out Vector512<uint> hi0, out Vector512<uint> lo0);
            MulHiLo(c2, m1, out Vector512<uint> hi1, out Vector512<uint> lo1);
            Vector512<uint> n0 = hi1 ^ c1 ^ Vector512.Create(k0);
            Vector512<uint> n2 = hi0 ^ c3 ^ Vector512.Create(k1);
            c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
        }
        x0 = c0; x1 = c1; x2 = c2; x3 = c3;
    }

    private static readonly Vector512<uint> OddLanes = Vector512.Create(0u, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u, 0, ~0u);

    // hi: high words of the even-lane products shifted into place, blended with the odd-lane products (whose high words
    // already sit in the odd lanes); lo: the low 32 bits, one vpmulld
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MulHiLo(Vector512<uint> a, Vector512<uint> m, out Vector512<uint> hi, out Vector512<uint> lo)
    {
        Vector512<ulong> even = Avx512F.Multiply(a, m);
        Vector512<ulong> odd = Avx512F.Multiply(Vector512.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), m);
        hi = Vector512.ConditionalSelect(OddLanes, odd.AsUInt32(), Vector512.ShiftRightLogical(even, 32).AsUInt32());
        lo = a * m;
    }
}

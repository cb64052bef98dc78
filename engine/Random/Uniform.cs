using System.Runtime.CompilerServices;

namespace Dip.Engine.Random;

/// <summary>Maps random words to uniform variates on the open interval (0, 1); never 0 or 1, so logarithms are safe.</summary>
public static class Uniform
{
    /// <summary>float in (0, 1) from the top 24 bits: (w &gt;&gt; 8 + 0.5) * 2^-24.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Single(uint word) => ((word >> 8) + 0.5f) * (1.0f / 16777216.0f);

    /// <summary>double in (0, 1) from 53 bits of two words: (bits + 0.5) * 2^-53.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Double(uint high, uint low) =>
        ((((ulong)high << 21) | (low >> 11)) + 0.5) * (1.0 / 9007199254740992.0);
}

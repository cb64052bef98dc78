using System.Runtime.CompilerServices;

namespace Dip.Engine.Random;

/// <summary>
/// One reproducible stream of random 32-bit words: Philox4x32-10 keyed by the 64-bit <see cref="Seed"/>, with counter
/// (block low word, block high word, stream low word, stream high word). Word <c>i</c> of the stream is output
/// <c>i % 4</c> of block <c>i / 4</c>, so any word is available in O(1) without touching the others.
/// </summary>
/// <param name="Seed">The experiment seed (the Philox key).</param>
/// <param name="Id">The stream identity; see <see cref="For(ulong, long, int, StreamRole)"/> for the standard layout.</param>
public readonly record struct RandomStream(ulong Seed, ulong Id)
{
    /// <summary>Largest trial index that <see cref="For"/> accepts (2^32 - 1).</summary>
    public const long MaxTrial = uint.MaxValue;

    /// <summary>Largest layer index that <see cref="For"/> accepts (2^24 - 1).</summary>
    public const int MaxLayer = (1 << 24) - 1;

    /// <summary>
    /// The stream for one (trial, layer, role) of an experiment: Id = trial &lt;&lt; 32 | layer &lt;&lt; 8 | role.
    /// Throws <see cref="ArgumentOutOfRangeException"/> when trial is outside [0, 2^32) or layer outside [0, 2^24).
    /// </summary>
    public static RandomStream For(ulong seed, long trial, int layer, StreamRole role)
    {
        if (trial < 0 || trial > MaxTrial)
            throw new ArgumentOutOfRangeException(nameof(trial), trial, $"trial must be in [0, {MaxTrial}], got {trial}");
        if (layer < 0 || layer > MaxLayer)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer must be in [0, {MaxLayer}], got {layer}");
        return new RandomStream(seed, ((ulong)trial << 32) | ((ulong)layer << 8) | (byte)role);
    }

    /// <summary>Block <paramref name="block"/> of this stream: four consecutive words starting at word 4*block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (uint X0, uint X1, uint X2, uint X3) Block(ulong block) =>
        Philox4x32.Block((uint)block, (uint)(block >> 32), (uint)Id, (uint)(Id >> 32), (uint)Seed, (uint)(Seed >> 32));

    /// <summary>Word <paramref name="index"/> of this stream.</summary>
    public uint Word(ulong index)
    {
        var (x0, x1, x2, x3) = Block(index >> 2);
        return (index & 3) switch { 0 => x0, 1 => x1, 2 => x2, _ => x3 };
    }
}

namespace Dip.Engine.Propagation;

/// <summary>How a <see cref="DensePropagator"/> holds its weights; both give bit-identical results.</summary>
public enum WeightStorage
{
    /// <summary>Regenerated row block by row block inside each layer product; memory O(N) per thread.</summary>
    Streamed,
    /// <summary>Generated once and kept: L x N x N values (fast for repeated passes, memory-hungry).</summary>
    Stored,
}

namespace Dip.Engine.Theory;

/// <summary>The length map has no finite stable fixed point (e.g. ReLU with sigma_w^2 &gt;= 2 and sigma_b^2 &gt; 0: q grows without bound).</summary>
public sealed class NoFiniteFixedPointException(string message) : ArgumentException(message);

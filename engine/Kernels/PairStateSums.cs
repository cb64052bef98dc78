namespace Dip.Engine.Kernels;

/// <summary>Running sums over the units of one layer of a pair state (h^a, delta = h^b - h^a).</summary>
internal struct PairStateSums
{
    /// <summary>sum h^a_i and sum (h^a_i)^2.</summary>
    public double H, H2;
    /// <summary>sum delta_i and sum delta_i^2.</summary>
    public double D, D2;
    /// <summary>Units with |delta_i| above the active-unit threshold.</summary>
    public long Active;
}

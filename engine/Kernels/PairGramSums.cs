namespace Dip.Engine.Kernels;

/// <summary>Running sums of the 2 x 2 Gram matrix in the (phi_a, Delta phi) variables.</summary>
internal struct PairGramSums
{
    /// <summary>sum phi_a^2, sum phi_a Delta phi, sum (Delta phi)^2.</summary>
    public double AA, AD, DD;
}

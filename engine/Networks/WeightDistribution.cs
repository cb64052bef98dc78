namespace Dip.Engine.Networks;

/// <summary>Law of the entries of each weight matrix; every choice has variance sigma_w^2 / N per entry.</summary>
public enum WeightDistribution
{
    /// <summary>W_ij ~ N(0, sigma_w^2 / N) i.i.d. (theory.md §2).</summary>
    Gaussian,
    /// <summary>W_ij ~ U(-a, a) i.i.d. with a = sqrt(3 sigma_w^2 / N).</summary>
    Uniform,
}

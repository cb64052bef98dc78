namespace Dip.Engine.Simulation;

/// <summary>
/// Per-layer activity observables (theory.md §4.1). These definitions are the project's own choice (the target papers'
/// definitions were not available); every output file records which one was used.
/// Two inputs run through the same network each trial: a clean input a and its perturbed twin b.
/// </summary>
public enum Observable
{
    /// <summary>Length q^l = (1/N) sum_i (h^(a,l)_i)^2 of the clean trajectory.</summary>
    Length,
    /// <summary>Two-trajectory distance d^l = (1/N) sum_i (h^(a,l)_i - h^(b,l)_i)^2 (the default observable).</summary>
    Distance,
    /// <summary>Distance after the activation: (1/N) sum_i (phi(h^(a,l)_i) - phi(h^(b,l)_i))^2.</summary>
    DistancePhi,
    /// <summary>Active count #{i : |h^(a,l)_i - h^(b,l)_i| &gt; epsilon}, an integer (the DP-type alternative).</summary>
    ActiveCount,
}

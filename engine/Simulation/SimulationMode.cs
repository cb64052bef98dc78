namespace Dip.Engine.Simulation;

/// <summary>How a trial's layers are produced.</summary>
public enum SimulationMode
{
    /// <summary>Conditional-Gaussian sampler, O(N) per layer; equal in law to dense networks with fresh weights (theory.md §3.1).</summary>
    Exact,
    /// <summary>Sample weight matrices and multiply, O(N^2) per layer (stored or streamed weights).</summary>
    Dense,
    /// <summary>The reduced stochastic DIP model integrated per layer (theory.md §3.2, §3.6): scalar observables only.</summary>
    Langevin,
}

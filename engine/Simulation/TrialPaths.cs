namespace Dip.Engine.Simulation;

/// <summary>Builds the path that simulates a spec's mode.</summary>
public static class TrialPaths
{
    /// <summary>The path for <paramref name="spec"/>.Mode (exact or dense).</summary>
    public static ITrialPath Create(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Mode switch
        {
            SimulationMode.Exact => new ExactPath(spec),
            SimulationMode.Dense => new DensePath(spec),
            _ => throw new ArgumentException($"mode {spec.Mode} has no trial path yet", nameof(spec)),
        };
    }
}

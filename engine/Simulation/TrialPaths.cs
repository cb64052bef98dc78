namespace Dip.Engine.Simulation;

/// <summary>Builds the path that simulates a spec's mode.</summary>
public static class TrialPaths
{
    /// <summary>The path for <paramref name="spec"/>.Mode (exact, dense or Langevin); see <see cref="LayerwisePath.StopBelow"/>.</summary>
    public static ITrialPath Create(SimulationSpec spec, Avalanches.LayerThresholds? stopBelow = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Mode switch
        {
            SimulationMode.Exact => new ExactPath(spec) { StopBelow = stopBelow },
            SimulationMode.Dense => new DensePath(spec) { StopBelow = stopBelow },
            SimulationMode.Langevin => new LangevinPath(spec) { StopBelow = stopBelow },
            _ => throw new ArgumentException($"unknown mode {spec.Mode}", nameof(spec)),
        };
    }
}

namespace Dip.Engine.Simulation;

/// <summary>
/// One way of simulating trials (dense, exact or Langevin). A path is created for one experiment and is safe to call from
/// several threads at once for different trials; a trial's numbers depend only on (seed, trial), never on the thread.
/// </summary>
public interface ITrialPath
{
    /// <summary>The observables this path writes, in output order.</summary>
    IReadOnlyList<Observable> Observables { get; }

    /// <summary>Number of layers L; each observable has L + 1 values (layer 0 is the input).</summary>
    int Depth { get; }

    /// <summary>
    /// Simulates trial <paramref name="trial"/> and writes activity[o * (L + 1) + l] for observable o (index into
    /// <see cref="Observables"/>) and layer l = 0..L. <paramref name="activity"/> has length Observables.Count * (L + 1).
    /// Returns the first layer whose state was not finite (the trial diverged; later entries are unspecified), or -1.
    /// </summary>
    int Run(long trial, Span<double> activity);
}

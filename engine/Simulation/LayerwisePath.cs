using Dip.Engine.Networks;

namespace Dip.Engine.Simulation;

/// <summary>
/// The layer loop shared by the dense and exact paths: set the inputs, then for each layer activate, record the
/// observables and produce the next layer. A subclass says only how layer l + 1 follows from phi at layer l.
/// </summary>
public abstract class LayerwisePath : ITrialPath
{
    /// <summary>Creates the path for a validated spec.</summary>
    protected LayerwisePath(SimulationSpec spec)
    {
        Spec = (spec ?? throw new ArgumentNullException(nameof(spec))).Validated();
    }

    /// <summary>The experiment.</summary>
    public SimulationSpec Spec { get; }

    /// <summary>The network family.</summary>
    protected NetworkSpec Network => Spec.Network;

    /// <inheritdoc />
    public IReadOnlyList<Observable> Observables => Spec.Observables;

    /// <inheritdoc />
    public int Depth => Spec.Network.Depth;

    /// <summary>
    /// When set, a trial stops after the first layer whose first observable is at or below this threshold, and the
    /// remaining entries are NaN: all that seeded avalanches need (theory.md §4.3), at a fraction of the cost.
    /// </summary>
    public Avalanches.LayerThresholds? StopBelow { get; init; }

    /// <inheritdoc />
    public int Run(long trial, Span<double> activity)
    {
        int stride = Depth + 1;
        if (activity.Length != Observables.Count * stride)
            throw new ArgumentException($"activity must have length {Observables.Count * stride}, got {activity.Length}", nameof(activity));
        if (trial < 0 || trial >= Spec.Trials)
            throw new ArgumentOutOfRangeException(nameof(trial), trial, $"trial must be in [0, {Spec.Trials}), got {trial}");
        return Propagate(trial, activity);
    }

    /// <summary>
    /// The layer loop behind <see cref="Run"/> (arguments checked): the array-based loop over <see cref="PairTrajectory"/>
    /// unless a path fuses its layers (<see cref="ExactPath"/>). Same contract as <see cref="ITrialPath.Run"/>.
    /// </summary>
    private protected virtual int Propagate(long trial, Span<double> activity)
    {
        int stride = Depth + 1;
        var state = new PairTrajectory(Network.Width, Spec.NeedsPair);
        var scratch = CreateScratch();
        state.SetInputs(Spec.Seed, trial, Spec.Input);
        for (int layer = 0; ; layer++)
        {
            if (!state.IsFinite()) return layer;
            state.Activate(Network.Activation);
            state.Record(Observables, Spec.ActiveUnitThreshold, layer, stride, activity);
            if (StopsAfter(layer, activity)) return -1;
            Advance(state, scratch, trial, layer + 1);
        }
    }

    /// <summary>
    /// True when the trial ends after <paramref name="layer"/> (the last layer, or <see cref="StopBelow"/> reached); on a
    /// stop below the threshold the remaining entries of every observable are set to NaN.
    /// </summary>
    private protected bool StopsAfter(int layer, Span<double> activity)
    {
        if (layer == Depth) return true;
        if (StopBelow is null || activity[layer] > StopBelow[layer]) return false;
        int stride = Depth + 1;
        for (int o = 0; o < Observables.Count; o++) activity.Slice(o * stride + layer + 1, Depth - layer).Fill(double.NaN);
        return true;
    }

    /// <summary>Per-call scratch space for <see cref="Advance"/> (one per running trial).</summary>
    private protected abstract object? CreateScratch();

    /// <summary>Overwrites the state (which holds phi at layer - 1) with the pre-activations of <paramref name="layer"/>.</summary>
    private protected abstract void Advance(PairTrajectory state, object? scratch, long trial, int layer);
}

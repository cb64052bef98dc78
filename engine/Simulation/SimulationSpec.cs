using Dip.Engine.Networks;

namespace Dip.Engine.Simulation;

/// <summary>
/// Everything that defines a simulated experiment's numbers: the network, the inputs, the recorded observables, the
/// simulation mode, whether one network is reused (quenched), the number of trials and the seed. Validated when built:
/// a bad value raises <see cref="ArgumentException"/> naming the parameter and the value.
/// </summary>
public sealed record SimulationSpec
{
    private readonly IReadOnlyList<Observable> _observables = [Observable.Distance];
    private readonly long _trials = 1;
    private readonly double _activeUnitThreshold = 1e-2;

    /// <summary>Creates a spec with the given network and defaults elsewhere (exact mode, distance, one trial).</summary>
    public SimulationSpec(NetworkSpec network) => Network = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>The random network family.</summary>
    public NetworkSpec Network { get; init; }

    /// <summary>The inputs (length q0 and perturbation epsilon).</summary>
    public InputSpec Input { get; init; } = new();

    /// <summary>Observables recorded per layer, in output order; at least one, no repeats.</summary>
    public IReadOnlyList<Observable> Observables
    {
        get => _observables;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0) throw new ArgumentException("at least one observable is needed, got none", nameof(Observables));
            foreach (var o in value)
                if (!Enum.IsDefined(o)) throw new ArgumentException($"unknown observable {o}", nameof(Observables));
            if (value.Distinct().Count() != value.Count)
                throw new ArgumentException($"observables repeat: {string.Join(",", value)}", nameof(Observables));
            _observables = value.ToArray();
        }
    }

    /// <summary>How layers are produced (default <see cref="SimulationMode.Exact"/>).</summary>
    public SimulationMode Mode { get; init; } = SimulationMode.Exact;

    /// <summary>Reuse one network (network index 0) for every trial; only meaningful in dense mode.</summary>
    public bool Quenched { get; init; }

    /// <summary>Number of trials, at least 1 and at most 2^32.</summary>
    public long Trials
    {
        get => _trials;
        init => _trials = value >= 1 && value <= Random.RandomStream.MaxTrial + 1 ? value
            : throw new ArgumentException($"trials must be in [1, 2^32], got {value}", nameof(Trials));
    }

    /// <summary>The experiment seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>Unit activity threshold eta of <see cref="Observable.ActiveCount"/>: a unit is active when |h^a_i - h^b_i| &gt; eta.</summary>
    public double ActiveUnitThreshold
    {
        get => _activeUnitThreshold;
        init => _activeUnitThreshold = double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentException($"active-unit threshold must be a finite number > 0, got {value}", nameof(ActiveUnitThreshold));
    }

    /// <summary>True when some observable needs the perturbed twin b.</summary>
    public bool NeedsPair => Observables.Any(o => o != Observable.Length);

    /// <summary>Checks the combination of options (those that each setter cannot see alone).</summary>
    public SimulationSpec Validated()
    {
        if (Quenched && Mode != SimulationMode.Dense)
            throw new ArgumentException($"a quenched network needs dense mode, got mode {Mode}", nameof(Quenched));
        if (Mode == SimulationMode.Langevin && Observables.Any(o => o != Observable.Length))
            throw new ArgumentException($"langevin mode records the length only, got {string.Join(",", Observables)}", nameof(Observables));
        return this;
    }
}

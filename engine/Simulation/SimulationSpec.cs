using Dip.Engine.Networks;
using Dip.Engine.Theory;

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
    private readonly int _langevinSubsteps = 10;
    private readonly Couplings? _langevinCouplings;

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

    /// <summary>
    /// Euler-Maruyama substeps K per layer of <see cref="SimulationMode.Langevin"/> (step dl = 1/K; K = 1 is the per-layer
    /// map of theory.md §3.2); at least 1, default 10. Ignored by the other modes.
    /// </summary>
    public int LangevinSubsteps
    {
        get => _langevinSubsteps;
        init => _langevinSubsteps = value >= 1 ? value
            : throw new ArgumentException($"langevin substeps must be >= 1, got {value}", nameof(LangevinSubsteps));
    }

    /// <summary>
    /// Explicit couplings (r, h, u, D1, D2) of <see cref="SimulationMode.Langevin"/>, in the unrescaled variable q; null (the
    /// default) means <see cref="Couplings.For"/>(activation, sigma_w^2, sigma_b^2). All must be finite, with h, D1, D2 &gt;= 0.
    /// Ignored by the other modes.
    /// </summary>
    public Couplings? LangevinCouplings
    {
        get => _langevinCouplings;
        init => _langevinCouplings = value is null || IsValidLangevin(value) ? value
            : throw new ArgumentException($"langevin couplings must be finite with h, D1, D2 >= 0, got {value}", nameof(LangevinCouplings));
    }

    private static bool IsValidLangevin(Couplings c) =>
        double.IsFinite(c.R) && double.IsFinite(c.U) && double.IsFinite(c.H) && double.IsFinite(c.D1) && double.IsFinite(c.D2)
        && c.H >= 0 && c.D1 >= 0 && c.D2 >= 0;

    /// <summary>
    /// The couplings the Langevin mode integrates: <see cref="LangevinCouplings"/> when set, otherwise those of the network's
    /// activation (theory.md §3.2, the project's derivation). Throws <see cref="ArgumentException"/> when they are not
    /// set and the activation has no Taylor series at 0 (e.g. relu), or when the derived ones are not valid.
    /// </summary>
    public Couplings ResolvedLangevinCouplings()
    {
        if (LangevinCouplings is not null) return LangevinCouplings;
        var derived = Couplings.For(Network.Activation, Network.SigmaW2, Network.SigmaB2);
        return IsValidLangevin(derived) ? derived
            : throw new ArgumentException($"the couplings of {Network.Activation.Spec} are not valid for langevin mode, got {derived}; set them explicitly", nameof(LangevinCouplings));
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
        if (Mode == SimulationMode.Langevin) ResolvedLangevinCouplings();
        return this;
    }
}

using Dip.Engine.Random;
using Dip.Engine.Theory;

namespace Dip.Engine.Simulation;

/// <summary>
/// The reduced stochastic DIP model (theory.md §3.2, §3.6; the project's derivation): the length q obeys
/// dq = (h + r q - u q^2) dl + sqrt((D1 q + D2 q^2) / N) dW with the unrescaled couplings of
/// <see cref="SimulationSpec.ResolvedLangevinCouplings"/> and N = Network.Width. Euler-Maruyama with K =
/// <see cref="SimulationSpec.LangevinSubsteps"/> substeps per layer, dl = 1/K:
/// q' = q + (h + r*q - u*q*q) * dl + sqrt(max(0, (D1/N)*q + (D2/N)*q*q) * dl) * xi, so K = 1 is the per-layer map.
/// Zero is absorbing: a step that would give q' &lt;= 0 sets q' = 0; from there, q stays 0 when h = 0 (drift and noise
/// vanish) and re-enters through the drift h dl when h &gt; 0. NaN and infinity propagate (the trial is reported diverged). Layer 0 records <see cref="InputSpec.Q0"/>, layer l the
/// value after l * K steps. Substep k (0-based) of layer l (1-based) uses double normal (l - 1) * K + k of
/// RandomStream.For(seed, trial, 0, Langevin), so a trial's numbers depend only on (seed, trial). O(K) per layer.
/// </summary>
public sealed class LangevinPath : ITrialPath
{
    private readonly double _r, _h, _u, _d1OverN, _d2OverN, _dl;
    private readonly int _substeps;

    /// <summary>Creates the path; the spec must be in <see cref="SimulationMode.Langevin"/> mode (length observable only).</summary>
    public LangevinPath(SimulationSpec spec)
    {
        Spec = (spec ?? throw new ArgumentNullException(nameof(spec))).Validated();
        if (spec.Mode != SimulationMode.Langevin)
            throw new ArgumentException($"the langevin path needs mode Langevin, got {spec.Mode}", nameof(spec));
        Couplings = spec.ResolvedLangevinCouplings();
        _substeps = spec.LangevinSubsteps;
        _dl = 1.0 / _substeps;
        _r = Couplings.R;
        _h = Couplings.H;
        _u = Couplings.U;
        _d1OverN = Couplings.D1 / spec.Network.Width;
        _d2OverN = Couplings.D2 / spec.Network.Width;
    }

    /// <summary>The experiment.</summary>
    public SimulationSpec Spec { get; }

    /// <summary>The couplings integrated (explicit or derived from the activation).</summary>
    public Couplings Couplings { get; }

    /// <inheritdoc />
    public IReadOnlyList<Observable> Observables => Spec.Observables;

    /// <inheritdoc />
    public int Depth => Spec.Network.Depth;

    /// <summary>
    /// When set, a trial stops after the first layer whose q is at or below this threshold, and the remaining entries are
    /// NaN (as <see cref="LayerwisePath.StopBelow"/>).
    /// </summary>
    public Avalanches.LayerThresholds? StopBelow { get; init; }

    /// <inheritdoc />
    public int Run(long trial, Span<double> activity)
    {
        int stride = Depth + 1;
        if (activity.Length != stride)
            throw new ArgumentException($"activity must have length {stride}, got {activity.Length}", nameof(activity));
        if (trial < 0 || trial >= Spec.Trials)
            throw new ArgumentOutOfRangeException(nameof(trial), trial, $"trial must be in [0, {Spec.Trials}), got {trial}");
        var stream = RandomStream.For(Spec.Seed, trial, 0, StreamRole.Langevin);
        Span<double> noise = _substeps <= 256 ? stackalloc double[_substeps] : new double[_substeps];
        double q = Spec.Input.Q0;
        for (int layer = 0; ; layer++)
        {
            if (!double.IsFinite(q)) return layer;
            activity[layer] = q;
            if (layer == Depth) return -1;
            if (StopBelow is not null && !(q > StopBelow[layer]))
            {
                activity.Slice(layer + 1).Fill(double.NaN);
                return -1;
            }
            Normals.Fill(stream, (ulong)layer * (ulong)_substeps, noise);
            q = Layer(q, noise);
        }
    }

    private double Layer(double q, ReadOnlySpan<double> noise)
    {
        for (int k = 0; k < noise.Length; k++)
        {
            double variance = Math.Max(0.0, _d1OverN * q + _d2OverN * q * q);
            double next = q + (_h + _r * q - _u * q * q) * _dl + Math.Sqrt(variance * _dl) * noise[k];
            q = next <= 0 ? 0.0 : next;
        }
        return q;
    }
}

using Dip.Engine.Activations;

namespace Dip.Engine.Theory;

/// <summary>
/// The two activations designed for paper 2's Figure 1 from the coupling formulas of theory.md §3.2 (project
/// derivation; see docs/theory-in-code.md). <see cref="PhiD1"/> = tanh(0.2 + x): a0 = tanh(0.2) != 0, so D1 &gt; 0 and
/// the length chain's noise is branching-like near q = 0 (predicted DP, (3/2, 2, 2), parabola). <see cref="PhiD2"/> =
/// tanh: odd, a0 = 0, so D1 = 0 and D2 dominates (predicted absorbed free BM, (4/3, 3/2, 3/2), semicircle).
/// </summary>
public static class DesignedActivations
{
    /// <summary>phi-d1 = tanh(0.2 + x), the D1-dominated design.</summary>
    public static Activation PhiD1 { get; } = Activation.Compose(Activation.Tanh, Activation.Polynomial(0.2, 1.0));

    /// <summary>phi-d2 = tanh, the D2-dominated design.</summary>
    public static Activation PhiD2 => Activation.Tanh;
}

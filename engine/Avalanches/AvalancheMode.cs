namespace Dip.Engine.Avalanches;

/// <summary>How a series is cut into avalanches (theory.md §4.3; project choice, recorded in every output).</summary>
public enum AvalancheMode
{
    /// <summary>One avalanche per trial, started by the perturbation at the first layer and ended at the first layer with
    /// activity at or below threshold; no avalanche when the first layer is already at or below threshold. The default.</summary>
    Seeded,
    /// <summary>Every maximal excursion above threshold along depth is an avalanche.</summary>
    Spontaneous,
}

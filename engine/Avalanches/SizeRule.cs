namespace Dip.Engine.Avalanches;

/// <summary>What an avalanche's size integrates (theory.md §4.3; project choice, recorded in every output).</summary>
public enum SizeRule
{
    /// <summary>S = sum over the run of (A^l - theta_l): the area above threshold (the default; keeps transients out).</summary>
    AboveThreshold,
    /// <summary>S = sum over the run of A^l: the total area (common for counts).</summary>
    TotalArea,
}

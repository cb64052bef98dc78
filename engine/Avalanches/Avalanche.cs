namespace Dip.Engine.Avalanches;

/// <summary>
/// One avalanche (theory.md §4.3): a maximal run of consecutive layers Start .. Start + Duration - 1 with activity above
/// threshold in trial <see cref="Trial"/>. <see cref="Censored"/> is true when the run reached the last recorded layer
/// (right-censored: its true duration is unknown). <see cref="Profile"/> (length Duration) is the per-layer contribution
/// to <see cref="Size"/> when profiles were requested, otherwise null.
/// </summary>
public sealed record Avalanche(long Trial, int Start, int Duration, double Size, bool Censored, double[]? Profile = null);

/// Mean size given duration and the crackling exponent gamma (theory.md §4.5): <S>(D) ~ D^gamma.
module Dip.Analysis.Crackling.SizeDuration

open System
open Dip.Engine.Avalanches

/// Statistics of the uncensored avalanches of one duration.
type DurationGroup =
    { /// The duration D.
      Duration: int
      /// Number of avalanches with this duration.
      Count: int
      /// Mean size <S | D>.
      MeanSize: float
      /// Sample variance of S within the group (0 when Count = 1).
      SizeVariance: float }

/// Result of the log-log fit of <S>(D).
type GammaFit =
    { /// Slope of ln <S> against ln D.
      Gamma: float
      /// Standard error of Gamma (inflated by sqrt(chi^2 / dof) when that exceeds 1).
      StandardError: float
      /// Intercept: ln <S> at D = 1.
      LogPrefactor: float
      /// Smallest and largest duration actually used.
      DMin: int
      DMax: int
      /// Number of durations (points) in the fit.
      Points: int
      /// Weighted residual sum of squares (chi^2 with Points - 2 degrees of freedom when the weights are right).
      ChiSquare: float }

/// Groups the uncensored avalanches by duration (censored ones are dropped, theory §4.3); result sorted by duration.
let groups (avalanches: Avalanche seq) : DurationGroup[] =
    if isNull (box avalanches) then raise (ArgumentNullException(nameof avalanches))
    avalanches
    |> Seq.filter (fun a -> not a.Censored)
    |> Seq.groupBy (fun a -> a.Duration)
    |> Seq.map (fun (d, xs) ->
        let sizes = xs |> Seq.map (fun a -> a.Size) |> Array.ofSeq
        let mean = Array.average sizes
        let var =
            if sizes.Length < 2 then 0.0
            else (sizes |> Array.sumBy (fun s -> (s - mean) * (s - mean))) / float (sizes.Length - 1)
        { Duration = d; Count = sizes.Length; MeanSize = mean; SizeVariance = var })
    |> Seq.sortBy (fun g -> g.Duration)
    |> Array.ofSeq

/// Weighted least squares of y = ln <S | D> on x = ln D over the durations dMin <= D <= dMax having at least minCount
/// (>= 2) avalanches and a positive size variance. Each point is weighted by the inverse of its sampling variance
/// Var(ln <S>) = Var(S) / (n <S>^2) (delta method; equals n / Var(ln S) for narrow groups). Throws ArgumentException for
/// minCount < 2, dMin < 1, dMax < dMin, non-positive mean sizes in range, or fewer than 3 usable durations.
let fitGroups (dMin: int) (dMax: int) (minCount: int) (gs: DurationGroup[]) : GammaFit =
    if dMin < 1 then raise (ArgumentException($"dMin must be >= 1, got {dMin}", nameof dMin))
    if dMax < dMin then raise (ArgumentException($"dMax must be >= dMin = {dMin}, got {dMax}", nameof dMax))
    if minCount < 2 then raise (ArgumentException($"minCount must be >= 2, got {minCount}", nameof minCount))
    let used =
        gs |> Array.filter (fun g -> g.Duration >= dMin && g.Duration <= dMax && g.Count >= minCount && g.SizeVariance > 0.0)
    match used |> Array.tryFind (fun g -> not (g.MeanSize > 0.0)) with
    | Some g -> raise (ArgumentException($"mean size at D = {g.Duration} must be > 0, got {g.MeanSize}", nameof gs))
    | None -> ()
    if used.Length < 3 then
        raise (ArgumentException($"need >= 3 durations in [{dMin}, {dMax}] with >= {minCount} avalanches, got {used.Length}", nameof gs))
    let x = used |> Array.map (fun g -> log (float g.Duration))
    let y = used |> Array.map (fun g -> log g.MeanSize)
    let w = used |> Array.map (fun g -> float g.Count * g.MeanSize * g.MeanSize / g.SizeVariance)
    let sw = Array.sum w
    let xbar = Array.fold2 (fun acc wi xi -> acc + wi * xi) 0.0 w x / sw
    let ybar = Array.fold2 (fun acc wi yi -> acc + wi * yi) 0.0 w y / sw
    let mutable sxx = 0.0
    let mutable sxy = 0.0
    for i in 0 .. x.Length - 1 do
        sxx <- sxx + w[i] * (x[i] - xbar) * (x[i] - xbar)
        sxy <- sxy + w[i] * (x[i] - xbar) * (y[i] - ybar)
    let gamma = sxy / sxx
    let intercept = ybar - gamma * xbar
    let chi2 = Array.init x.Length (fun i -> w[i] * (y[i] - intercept - gamma * x[i]) ** 2.0) |> Array.sum
    let scale = max 1.0 (chi2 / float (x.Length - 2))
    { Gamma = gamma; StandardError = sqrt (scale / sxx); LogPrefactor = intercept
      DMin = used[0].Duration; DMax = used[used.Length - 1].Duration; Points = used.Length; ChiSquare = chi2 }

/// gamma from the uncensored avalanches: groups followed by fitGroups (same arguments and exceptions).
let fitGamma (dMin: int) (dMax: int) (minCount: int) (avalanches: Avalanche seq) : GammaFit =
    fitGroups dMin dMax minCount (groups avalanches)

/// The crackling-relation prediction gamma = (tau_d - 1) / (tau_s - 1) and its first-order standard error for independent
/// (tau_s, seS) and (tau_d, seD). Returns (gamma, se). Throws ArgumentException for tau_s <= 1, non-finite input or
/// negative standard errors.
let predictedGamma (tauS: float, seS: float) (tauD: float, seD: float) : float * float =
    if not (tauS > 1.0) || Double.IsInfinity tauS then raise (ArgumentException($"tau_s must be finite and > 1, got {tauS}", nameof tauS))
    if not (Double.IsFinite tauD) then raise (ArgumentException($"tau_d must be finite, got {tauD}", nameof tauD))
    if not (seS >= 0.0) || Double.IsInfinity seS then raise (ArgumentException($"tau_s standard error must be finite and >= 0, got {seS}", nameof seS))
    if not (seD >= 0.0) || Double.IsInfinity seD then raise (ArgumentException($"tau_d standard error must be finite and >= 0, got {seD}", nameof seD))
    let g = (tauD - 1.0) / (tauS - 1.0)
    let dgdD = 1.0 / (tauS - 1.0)
    let dgdS = -(tauD - 1.0) / ((tauS - 1.0) * (tauS - 1.0))
    g, sqrt ((dgdD * seD) ** 2.0 + (dgdS * seS) ** 2.0)

/// Mean size given duration, <S>(D), and its exponent gamma by weighted least squares in log-log (theory.md §4.5).
module Dip.Analysis.Crackling.SizeByDuration

open System
open Dip.Engine.Avalanches

/// Per-duration statistics: D, count, mean S, variance of S.
type DurationRow = { Duration: int; Count: int; MeanSize: float; SizeVariance: float }

/// <S>(D) for every duration with at least minCount avalanches, sorted by D.
let table (minCount: int) (avalanches: Avalanche seq) : DurationRow[] =
    avalanches
    |> Seq.groupBy (fun a -> a.Duration)
    |> Seq.choose (fun (d, group) ->
        let sizes = group |> Seq.map (fun a -> a.Size) |> Array.ofSeq
        if sizes.Length < minCount then None
        else
            let mean = Array.average sizes
            let variance = if sizes.Length > 1 then (sizes |> Array.sumBy (fun s -> (s - mean) ** 2.0)) / float (sizes.Length - 1) else 0.0
            Some { Duration = d; Count = sizes.Length; MeanSize = mean; SizeVariance = variance })
    |> Seq.sortBy (fun r -> r.Duration)
    |> Array.ofSeq

/// A fitted power law <S>(D) = exp(Intercept) D^Gamma over [DMin, DMax].
type GammaFit = { Gamma: float; GammaSe: float; Intercept: float; DMin: int; DMax: int; Points: int }

/// Weighted least squares of ln <S>(D) on ln D over rows with DMin <= D <= DMax. Weights are 1/Var(ln <S>) ~
/// n <S>^2 / Var(S) (delta method); the standard error is scaled by sqrt(reduced chi^2) when that exceeds 1.
let fit (dMin: int) (dMax: int) (rows: DurationRow[]) : GammaFit =
    let used = rows |> Array.filter (fun r -> r.Duration >= dMin && r.Duration <= dMax && r.MeanSize > 0.0)
    if used.Length < 3 then invalidArg (nameof rows) $"gamma needs at least 3 durations in [{dMin}, {dMax}] with enough avalanches, got {used.Length}"
    let x = used |> Array.map (fun r -> log (float r.Duration))
    let y = used |> Array.map (fun r -> log r.MeanSize)
    let w =
        used |> Array.map (fun r ->
            let relative = r.SizeVariance / (float r.Count * r.MeanSize * r.MeanSize)
            if relative > 0.0 then 1.0 / relative else float r.Count)
    let sw = Array.sum w
    let xm = Array.fold2 (fun s wi xi -> s + wi * xi) 0.0 w x / sw
    let ym = Array.fold2 (fun s wi yi -> s + wi * yi) 0.0 w y / sw
    let sxx = Array.fold2 (fun s wi xi -> s + wi * (xi - xm) ** 2.0) 0.0 w x
    let sxy = (Array.zip3 w x y) |> Array.sumBy (fun (wi, xi, yi) -> wi * (xi - xm) * (yi - ym))
    let slope = sxy / sxx
    let intercept = ym - slope * xm
    let chi2 = (Array.zip3 w x y) |> Array.sumBy (fun (wi, xi, yi) -> wi * (yi - intercept - slope * xi) ** 2.0)
    let scale = if used.Length > 2 then max 1.0 (sqrt (chi2 / float (used.Length - 2))) else 1.0
    { Gamma = slope; GammaSe = scale / sqrt sxx; Intercept = intercept
      DMin = used.[0].Duration; DMax = used.[used.Length - 1].Duration; Points = used.Length }

/// The crackling-relation prediction gamma = (tau_d - 1)/(tau_s - 1) with its first-order propagated error
/// (independent errors). Throws ArgumentException for tau_s <= 1, non-finite exponents, or negative or non-finite errors.
let predicted (tauS: float) (tauSSe: float) (tauD: float) (tauDSe: float) : float * float =
    if not (tauS > 1.0 && Double.IsFinite tauS) then invalidArg (nameof tauS) $"tau_s must be finite and > 1, got {tauS}"
    if not (Double.IsFinite tauD) then invalidArg (nameof tauD) $"tau_d must be finite, got {tauD}"
    if not (tauSSe >= 0.0 && Double.IsFinite tauSSe) then invalidArg (nameof tauSSe) $"tau_s standard error must be finite and >= 0, got {tauSSe}"
    if not (tauDSe >= 0.0 && Double.IsFinite tauDSe) then invalidArg (nameof tauDSe) $"tau_d standard error must be finite and >= 0, got {tauDSe}"
    let g = (tauD - 1.0) / (tauS - 1.0)
    let dS = -(tauD - 1.0) / ((tauS - 1.0) ** 2.0)
    let dD = 1.0 / (tauS - 1.0)
    g, sqrt ((dS * tauSSe) ** 2.0 + (dD * tauDSe) ** 2.0)

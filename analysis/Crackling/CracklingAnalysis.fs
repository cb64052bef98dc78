/// The crackling-noise analysis of a set of avalanches (theory.md §4.5): tau_s and tau_d by maximum likelihood, gamma
/// three ways (the fit of <S>(D), the crackling-relation prediction (tau_d - 1)/(tau_s - 1), and the shape collapse),
/// and the shape family. Censored avalanches are excluded from every estimate (their duration is unknown).
module Dip.Analysis.Crackling.CracklingAnalysis

open System
open Dip.Engine.Avalanches
open Dip.Analysis.PowerLaw

/// Options: power-law fit options for sizes and durations; minimum count per duration for <S>(D); collapse options
/// (None: no collapse).
type CracklingOptions =
    { SizeFit: Fit.FitOptions
      DurationFit: Fit.FitOptions
      /// Truncate both fits above at the largest uncensored value (the depth cutoff makes the tail finite).
      TruncateAtMax: bool
      MinCountPerDuration: int
      Collapse: ShapeCollapse.CollapseOptions option }

/// Defaults: scanned xmin, fits truncated at the largest observed value, 5 avalanches per duration, NCC collapse.
let defaults =
    { SizeFit = Fit.defaults
      DurationFit = { Fit.defaults with Discrete = Some true }
      TruncateAtMax = true
      MinCountPerDuration = 5
      Collapse = Some ShapeCollapse.defaults }

/// Everything measured.
type CracklingResult =
    { TauS: PowerLawFit
      TauD: PowerLawFit
      GammaFit: SizeByDuration.GammaFit
      GammaPred: float
      GammaPredSe: float
      Collapse: ShapeCollapse.CollapseResult option
      NAvalanches: int
      NCensored: int
      Table: SizeByDuration.DurationRow[] }

/// Analyses avalanches. Throws ArgumentException (naming the quantity) when the data cannot support a fit.
let analyze (options: CracklingOptions) (avalanches: Avalanche[]) : CracklingResult =
    let complete = avalanches |> Array.filter (fun a -> not a.Censored)
    if complete.Length = 0 then invalidArg (nameof avalanches) "no uncensored avalanches to analyse"
    let sizes = complete |> Array.map (fun a -> a.Size) |> Array.filter (fun s -> s > 0.0)
    let durations = complete |> Array.map (fun a -> float a.Duration)
    let upper (values: float[]) (o: Fit.FitOptions) = if options.TruncateAtMax && o.Xmax.IsNone then { o with Xmax = Some(Array.max values) } else o
    let tauS =
        try Fit.fit (upper sizes options.SizeFit) sizes
        with :? ArgumentException as e -> invalidArg "sizes" $"tau_s: {e.Message}"
    let tauD =
        try Fit.fit (upper durations options.DurationFit) durations
        with :? ArgumentException as e -> invalidArg "durations" $"tau_d: {e.Message}"
    let table = SizeByDuration.table options.MinCountPerDuration complete
    let gammaFit =
        let dMax = if table.Length = 0 then 0 else table.[table.Length - 1].Duration
        try SizeByDuration.fit (max 2 (int tauD.Xmin)) dMax table
        with :? ArgumentException as e -> invalidArg "durations" $"gamma: {e.Message}"
    let gPred, gPredSe = SizeByDuration.predicted tauS.Alpha tauS.AlphaSe tauD.Alpha tauD.AlphaSe
    let collapse =
        options.Collapse |> Option.bind (fun o ->
            if complete |> Array.exists (fun a -> not (isNull a.Profile)) then Some(ShapeCollapse.collapse o complete) else None)
    { TauS = tauS; TauD = tauD; GammaFit = gammaFit; GammaPred = gPred; GammaPredSe = gPredSe; Collapse = collapse
      NAvalanches = avalanches.Length; NCensored = avalanches.Length - complete.Length; Table = table }

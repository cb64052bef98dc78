/// Avalanche shape collapse, following the NCC toolbox (Marshall et al., Front. Physiol. 7:250 (2016); theory.md §4.4,
/// §4.6): mean profiles of durations with enough avalanches are scaled by D^(1 - x), interpolated to a common grid on
/// [0, 1], and x minimises the variance across durations relative to the squared range. The collapsed shape is then
/// compared with the parabola u(1-u) (mean-field DP) and the semicircle sqrt(u(1-u)) (free BM).
module Dip.Analysis.Crackling.ShapeCollapse

open System
open Dip.Engine.Avalanches

/// Settings: durations with D > MinDuration and at least MinCount avalanches; GridPoints points on [0, 1].
type CollapseOptions = { MinDuration: int; MinCount: int; GridPoints: int }

/// Defaults of the NCC toolbox: D > 4, 20 avalanches per duration (NCC suggests 50 for large data sets), 1000 points.
let defaults = { MinDuration = 4; MinCount = 20; GridPoints = 1000 }

/// Result: the collapse exponent, the collapse error at it, the collapsed mean shape (u, value) normalised to unit
/// area, the L2 distances to the normalised parabola and semicircle, and the closer family.
type CollapseResult =
    { Gamma: float
      Error: float
      Shape: (float * float)[]
      ParabolaDistance: float
      SemicircleDistance: float
      Family: string
      Durations: int[] }

/// Mean profile per duration, for durations passing the options.
let meanProfiles (options: CollapseOptions) (avalanches: Avalanche seq) : (int * float[])[] =
    avalanches
    |> Seq.filter (fun a -> not a.Censored && not (isNull a.Profile) && a.Duration > options.MinDuration)
    |> Seq.groupBy (fun a -> a.Duration)
    |> Seq.choose (fun (d, group) ->
        let profiles = Array.ofSeq group
        if profiles.Length < options.MinCount then None
        else Some(d, Array.init d (fun t -> profiles |> Array.averageBy (fun a -> a.Profile.[t]))))
    |> Seq.sortBy fst
    |> Array.ofSeq

/// Time convention: layer k of a duration-D avalanche sits at u = (k + 1/2)/D; the profile is 0 at u = 0 and u = 1.
let interpolate (profile: float[]) (grid: float[]) : float[] =
    let d = profile.Length
    let us = Array.init (d + 2) (fun k -> if k = 0 then 0.0 elif k = d + 1 then 1.0 else (float (k - 1) + 0.5) / float d)
    let vs = Array.init (d + 2) (fun k -> if k = 0 || k = d + 1 then 0.0 else profile.[k - 1])
    grid |> Array.map (fun u ->
        let found = Array.BinarySearch(us, u)
        let j = min d (if found >= 0 then found else ~~~found - 1)
        let t = (u - us.[j]) / (us.[j + 1] - us.[j])
        vs.[j] + t * (vs.[j + 1] - vs.[j]))

let private grid n = Array.init n (fun k -> float k / float (n - 1))

/// NCC collapse error at exponent x for interpolated profiles.
let collapseError (interpolated: (int * float[])[]) (x: float) : float =
    let scaled = interpolated |> Array.map (fun (d, p) -> p |> Array.map (fun v -> v * float d ** (1.0 - x)))
    let all = scaled |> Array.concat
    let range = Array.max all - Array.min all
    let points = (snd interpolated.[0]).Length
    let mutable total = 0.0
    for t in 0 .. points - 1 do
        let column = scaled |> Array.map (fun s -> s.[t])
        let m = Array.average column
        total <- total + (column |> Array.averageBy (fun v -> (v - m) ** 2.0))
    total / float points / (range * range)

let private unitArea (g: float[]) (values: float[]) =
    let area = Array.fold2 (fun s _ v -> s + v) 0.0 g values / float g.Length
    values |> Array.map (fun v -> v / area)

/// Runs the collapse on given mean profiles (D, mean profile of length D), e.g. from meanProfiles or from an exact
/// theory. Throws ArgumentException when fewer than 2 profiles are given or a profile's length is not its D.
let collapseProfiles (options: CollapseOptions) (profiles: (int * float[])[]) : CollapseResult =
    if isNull profiles || profiles.Length < 2 then
        invalidArg (nameof profiles) $"shape collapse needs at least 2 mean profiles, got {(if isNull profiles then 0 else profiles.Length)}"
    for (d, p) in profiles do
        if isNull p || p.Length <> d then invalidArg (nameof profiles) $"the mean profile for D = {d} must have length {d}"
    let g = grid options.GridPoints
    let interpolated = profiles |> Array.map (fun (d, p) -> d, interpolate p g)
    let scan lo hi step =
        [| for k in 0 .. int (round ((hi - lo) / step)) -> lo + float k * step |] |> Array.minBy (collapseError interpolated)
    let mutable best = scan 0.0 4.0 0.1
    for step in [ 0.01; 0.001 ] do
        best <- scan (max 0.0 (best - 10.0 * step)) (best + 10.0 * step) step
    let collapsed =
        let scaled = interpolated |> Array.map (fun (d, p) -> p |> Array.map (fun v -> v * float d ** (1.0 - best)))
        Array.init g.Length (fun t -> scaled |> Array.averageBy (fun s -> s.[t]))
    let shape = unitArea g collapsed
    let distance (template: float -> float) =
        let t = unitArea g (g |> Array.map template)
        sqrt (Array.fold2 (fun s a b -> s + (a - b) ** 2.0) 0.0 shape t / float g.Length)
    let parabola = distance (fun u -> u * (1.0 - u))
    let semicircle = distance (fun u -> sqrt (max 0.0 (u * (1.0 - u))))
    { Gamma = best; Error = collapseError interpolated best; Shape = Array.zip g shape
      ParabolaDistance = parabola; SemicircleDistance = semicircle
      Family = (if parabola <= semicircle then "parabola" else "semicircle"); Durations = profiles |> Array.map fst }

/// Runs the collapse on the mean profiles of the avalanches (meanProfiles). Throws ArgumentException when fewer than 2
/// durations qualify.
let collapse (options: CollapseOptions) (avalanches: Avalanche seq) : CollapseResult =
    let profiles = meanProfiles options avalanches
    if profiles.Length < 2 then
        invalidArg (nameof avalanches) $"shape collapse needs at least 2 durations with D > {options.MinDuration} and >= {options.MinCount} avalanches with profiles, got {profiles.Length}"
    collapseProfiles options profiles

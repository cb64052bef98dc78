/// Power-law fitting with xmin chosen by KS minimisation (Clauset, Shalizi & Newman 2009; theory.md §6.3): sort once,
/// fit every candidate xmin's tail by maximum likelihood, keep the candidate with the smallest KS distance. Continuous
/// or discrete (exact Hurwitz likelihood), optionally truncated above at xmax.
module Dip.Analysis.PowerLaw.Fit

open System

/// Options of a fit. Discrete = None fits integer-valued data as discrete; Xmin = None scans candidates.
type FitOptions =
    { Discrete: bool option
      Xmin: float option
      Xmax: float option
      /// Smallest tail a candidate xmin may leave (CSN warn of bias below ~50).
      MinTail: int
      /// Candidates per scan level: with more distinct values, a grid of this many spread by rank is scanned, then
      /// again between the best one's neighbours until the range is scanned exhaustively (XminScan.bestCandidate).
      MaxCandidates: int }

/// Defaults: auto discrete, scanned xmin, no xmax, tails of at least 50, 64 candidates per level (10^6 continuous points
/// fit in under a second on 2 cores; larger grids cost more KS passes without changing the result on smooth KS curves).
let defaults = { Discrete = None; Xmin = None; Xmax = None; MinTail = 50; MaxCandidates = 64 }

/// True when every value is an integer.
let isIntegerValued (data: float[]) = data |> Array.forall (fun x -> x = floor x)

/// Checks data for a power-law fit: non-empty, finite and > 0; the message names the index and the value.
let validate (data: float[]) =
    if isNull data || data.Length = 0 then invalidArg "data" "no data to fit"
    data |> Array.iteri (fun i x ->
        if not (Double.IsFinite x) then invalidArg "data" $"value {i + 1} is not finite: {x}"
        if x <= 0.0 then invalidArg "data" $"value {i + 1} is not > 0: {x} (a power law lives on positive values)")

let private fitAt discrete (sorted: float[]) (start: int) (xmax: float option) n =
    let tail = sorted.[start..]
    if discrete then Discrete.fitTail tail sorted.[start] xmax n
    else Continuous.fitTail tail sorted.[start] xmax n

/// Fits a power law to data (any order; values > 0). Throws ArgumentException on bad data or too few tail points.
[<CompiledName("Fit")>]
let fit (options: FitOptions) (data: float[]) : PowerLawFit =
    validate data
    let discrete = options.Discrete |> Option.defaultWith (fun () -> isIntegerValued data)
    if discrete && not (isIntegerValued data) then invalidArg "data" "discrete fit of non-integer data"
    let sorted =
        let kept = match options.Xmax with Some b -> data |> Array.filter (fun x -> x <= b) | None -> Array.copy data
        Array.sortInPlace kept
        kept
    let n = data.Length
    match options.Xmin with
    | Some xmin ->
        let start = sorted |> Array.tryFindIndex (fun x -> x >= xmin) |> Option.defaultValue sorted.Length
        if sorted.Length - start < 2 then invalidArg "data" $"too few points at or above xmin = {xmin} to fit: {sorted.Length - start}"
        let fitted = fitAt discrete sorted start options.Xmax n
        { fitted with Xmin = xmin }
    | None ->
        let p = XminScan.prepare sorted (defaultArg options.Xmax Double.PositiveInfinity)
        // Candidates: distinct values that leave at least MinTail points.
        let count = p.SuffixCount |> Array.takeWhile (fun c -> c >= max 2 options.MinTail) |> Array.length |> min p.Values.Length
        if count = 0 then
            invalidArg "data" $"too few tail points to fit: {sorted.Length} values, a tail needs at least {options.MinTail}"
        let k = XminScan.bestCandidate p count (max 2 options.MaxCandidates) discrete (defaultArg options.Xmax Double.PositiveInfinity)
        fitAt discrete sorted (sorted.Length - p.SuffixCount[k]) options.Xmax n

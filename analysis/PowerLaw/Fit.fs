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
      /// At most this many candidates per scan level: with more distinct values, a coarse grid spread by rank is scanned,
      /// then the same number of candidates between the best coarse candidate's neighbours.
      MaxCandidates: int }

/// Defaults: auto discrete, scanned xmin, no xmax, tails of at least 50, 400 candidates per level.
let defaults = { Discrete = None; Xmin = None; Xmax = None; MinTail = 50; MaxCandidates = 400 }

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
        // Start index of each distinct value that leaves at least MinTail points.
        let starts =
            [| for i in 0 .. sorted.Length - 1 do
                 if (i = 0 || sorted.[i] <> sorted.[i - 1]) && sorted.Length - i >= options.MinTail then yield i |]
        if starts.Length = 0 then
            invalidArg "data" $"too few tail points to fit: {sorted.Length} values, a tail needs at least {options.MinTail}"
        let best (candidates: int[]) =
            candidates |> Array.Parallel.map (fun s -> s, fitAt discrete sorted s options.Xmax n) |> Array.minBy (fun (_, f) -> f.Ks)
        let spread (lo: int) (hi: int) =
            let count = hi - lo + 1
            if count <= options.MaxCandidates then starts.[lo..hi]
            else Array.init options.MaxCandidates (fun k -> starts.[lo + int (int64 k * int64 (count - 1) / int64 (options.MaxCandidates - 1))]) |> Array.distinct
        let coarse = spread 0 (starts.Length - 1)
        let start, fitted = best coarse
        if coarse.Length = starts.Length then fitted
        else
            let at = Array.IndexOf(coarse, start)
            let lo = Array.IndexOf(starts, coarse.[max 0 (at - 1)])
            let hi = Array.IndexOf(starts, coarse.[min (coarse.Length - 1) (at + 1)])
            best (spread lo hi) |> snd

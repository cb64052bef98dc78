/// Power-law fits to data (Clauset, Shalizi & Newman 2009; theory.md §6.1-§6.4, §6.6): x_min by KS minimization, exact
/// continuous or discrete (Hurwitz) likelihood, optional x_max (doubly truncated), and the CSN bootstrap p-value.
module Dip.Analysis.PowerLaw.PowerLaw

open System
open System.Threading.Tasks
open Dip.Engine.Random
open Dip.Analysis.Special
open Dip.Analysis.Generators

/// How to fit. Xmin = None scans candidate x_min values by KS distance; Xmax = None fits the untruncated law.
/// MinTail: smallest tail size a scanned candidate may leave (CSN/plfit use about 50).
type FitOptions =
    { Discrete: bool
      Xmin: float option
      Xmax: float option
      MinTail: int }

    /// Continuous, x_min scanned, untruncated, MinTail 50.
    static member Default = { Discrete = false; Xmin = None; Xmax = None; MinTail = 50 }

/// A fitted power law. N: all data points; NTail: points in [Xmin, Xmax]; Ks: KS distance of the tail to the fitted law;
/// LogLikelihood: of the tail under the fitted law (natural log).
type PowerLawFit =
    { Alpha: float
      AlphaSe: float
      Xmin: float
      Xmax: float option
      N: int
      NTail: int
      Ks: float
      Discrete: bool
      LogLikelihood: float }

/// Sorted data reduced to unique values with counts and suffix sums over the values <= x_max.
type internal Prepared =
    { Values: float[] // unique values <= xmax, ascending
      Counts: int[] // count of each unique value
      SuffixCount: int[] // number of points with value >= Values[k] (length Values.Length + 1)
      SuffixLog: float[] } // sum of ln x over those points

let internal prepare (sorted: float[]) (xmax: float) =
    let values = ResizeArray()
    let counts = ResizeArray()
    for x in sorted do
        if x <= xmax then
            if values.Count > 0 && values[values.Count - 1] = x then counts[counts.Count - 1] <- counts[counts.Count - 1] + 1
            else
                values.Add x
                counts.Add 1
    let m = values.Count
    let sc = Array.zeroCreate (m + 1)
    let sl = Array.zeroCreate (m + 1)
    for k in m - 1 .. -1 .. 0 do
        sc[k] <- sc[k + 1] + counts[k]
        sl[k] <- sl[k + 1] + float counts[k] * log values[k]
    { Values = values.ToArray(); Counts = counts.ToArray(); SuffixCount = sc; SuffixLog = sl }

/// KS distance between the tail (unique values from index k) and the fitted law with lower bound xmin.
let internal ksDistance (p: Prepared) (k: int) (discrete: bool) (alpha: float) (xmin: float) (xmax: float) =
    let nt = float p.SuffixCount[k]
    let mutable d = 0.0
    let mutable below = 0.0
    if discrete then
        // P(X >= x) via tail sums T(x) = sum_{j=x}^{xmax} j^-alpha; compare at each value and just before the next one.
        let tail x =
            if x > xmax then 0.0
            elif Double.IsPositiveInfinity xmax then (let struct (z, _, _) = HurwitzZeta.derivativesCore alpha x in z)
            else HurwitzZeta.powerSumCore alpha x xmax
        let t0 = tail xmin
        for j in k .. p.Values.Length - 1 do
            let u = p.Values[j]
            let cumBefore = below
            below <- below + float p.Counts[j]
            let tu1 = tail (u + 1.0) // T(u+1): P(X <= u) = 1 - T(u+1)/T0
            let fu = 1.0 - tu1 / t0
            // just below u: P(X <= u-1) = 1 - T(u)/T0, against the empirical CDF before u
            let tu = tu1 + Math.Pow(u, -alpha)
            let fBefore = 1.0 - tu / t0
            d <- max d (max (abs (below / nt - fu)) (abs (cumBefore / nt - fBefore)))
    else
        for j in k .. p.Values.Length - 1 do
            let f = Likelihood.continuousCdf alpha xmin xmax p.Values[j]
            let before = below / nt
            below <- below + float p.Counts[j]
            d <- max d (max (below / nt - f) (f - before))
    d

let internal fitAt (p: Prepared) (k: int) (discrete: bool) (xmin: float) (xmax: float) =
    let nt = p.SuffixCount[k]
    let f =
        if discrete then Likelihood.discrete nt p.SuffixLog[k] xmin xmax
        else Likelihood.continuous nt p.SuffixLog[k] xmin xmax
    f, ksDistance p k discrete f.Alpha xmin xmax

/// Number of leading unique values that are admissible x_min candidates: tail >= minTail and (plfit's rule, untruncated)
/// (alpha-1)/sqrt(n_tail) <= 0.1 with the continuous alpha (x_min - 1/2 for discrete data), scanning upward; the
/// smallest value is always admitted when its tail is large enough, so small data sets still get a fit.
let internal candidateCount (p: Prepared) (discrete: bool) (minTail: int) (truncated: bool) =
    let mutable c = 0
    let mutable stop = false
    while not stop && c < p.Values.Length do
        let nt = p.SuffixCount[c]
        if nt < max 2 minTail then stop <- true
        elif not truncated then
            let shift = if discrete then log (p.Values[c] - 0.5) else log p.Values[c]
            let alpha = 1.0 + float nt / (p.SuffixLog[c] - float nt * shift)
            if c > 0 && (alpha - 1.0) / sqrt (float nt) > 0.1 then stop <- true else c <- c + 1
        else c <- c + 1
    c

let private grid = 64

/// Index of the KS-minimizing candidate among 0..count-1: exhaustive when count <= 2 grid, else a coarse-to-fine search
/// (grid of 64 candidates, then refine between the neighbours of the best one). KS(x_min) is scanned exactly at every
/// candidate it visits; the coarse-to-fine step assumes no narrower, deeper minimum hides between grid points.
let internal bestCandidate (p: Prepared) (count: int) (discrete: bool) (xmax: float) =
    let eval (k: int) = snd (fitAt p k discrete p.Values[k] xmax)
    let parallelWorth = p.SuffixCount[0] >= 20_000
    let evalMany (ks: int[]) =
        let ds = Array.zeroCreate ks.Length
        if parallelWorth then Parallel.For(0, ks.Length, fun i -> ds[i] <- eval ks[i]) |> ignore
        else for i in 0 .. ks.Length - 1 do ds[i] <- eval ks[i]
        ds
    let argmin (ks: int[]) (ds: float[]) =
        let mutable b = 0
        for i in 1 .. ks.Length - 1 do if ds[i] < ds[b] then b <- i
        b
    let mutable lo = 0
    let mutable hi = count - 1
    let mutable result = -1
    while result < 0 do
        if hi - lo + 1 <= 2 * grid then
            let ks = [| lo .. hi |]
            result <- ks[argmin ks (evalMany ks)]
        else
            let ks = Array.init grid (fun i -> lo + int (int64 (hi - lo) * int64 i / int64 (grid - 1))) |> Array.distinct
            let b = argmin ks (evalMany ks)
            lo <- ks[max 0 (b - 1)]
            hi <- ks[min (ks.Length - 1) (b + 1)]
    result

let private validate (options: FitOptions) (data: float[]) =
    if isNull data || data.Length = 0 then invalidArg (nameof data) "data must be non-empty"
    for i in 0 .. data.Length - 1 do
        let x = data[i]
        if Double.IsNaN x || Double.IsInfinity x || x <= 0.0 then
            invalidArg (nameof data) $"data[{i}] = {x}: values must be finite and > 0"
        if options.Discrete && (x <> floor x) then invalidArg (nameof data) $"data[{i}] = {x}: discrete data must be integers"
    match options.Xmin with
    | Some xm when not (xm > 0.0) || Double.IsInfinity xm || (options.Discrete && xm <> floor xm) ->
        invalidArg (nameof options) $"Xmin = {xm}: must be finite, > 0 (an integer for discrete data)"
    | _ -> ()
    match options.Xmax, options.Xmin with
    | Some xM, _ when Double.IsNaN xM || (options.Discrete && xM <> floor xM && not (Double.IsPositiveInfinity xM)) ->
        invalidArg (nameof options) $"Xmax = {xM}: must be a number (an integer for discrete data)"
    | Some xM, Some xm when not (xM > xm) -> invalidArg (nameof options) $"Xmax = {xM} must be > Xmin = {xm}"
    | _ -> ()
    if options.MinTail < 2 then invalidArg (nameof options) $"MinTail = {options.MinTail}: must be >= 2"

/// Unchecked core of fit on sorted data.
let internal fitSorted (options: FitOptions) (sorted: float[]) : PowerLawFit =
    let xmax = defaultArg options.Xmax Double.PositiveInfinity
    let p = prepare sorted xmax
    let k, xmin =
        match options.Xmin with
        | Some xm ->
            let k = Array.FindIndex(p.Values, fun v -> v >= xm)
            if k < 0 || p.SuffixCount[k] < 2 then invalidArg (nameof options) $"Xmin = {xm} leaves fewer than 2 points in the tail"
            k, xm
        | None ->
            let count = candidateCount p options.Discrete options.MinTail options.Xmax.IsSome
            if count = 0 then
                invalidArg (nameof options) $"no x_min candidate leaves a tail of MinTail = {options.MinTail} points ({sorted.Length} data)"
            let k = bestCandidate p count options.Discrete xmax
            k, p.Values[k]
    let f, ks = fitAt p k options.Discrete xmin xmax
    { Alpha = f.Alpha; AlphaSe = f.AlphaSe; Xmin = xmin; Xmax = options.Xmax; N = sorted.Length; NTail = p.SuffixCount[k]
      Ks = ks; Discrete = options.Discrete; LogLikelihood = f.LogLikelihood }

/// Fits a power law to data (length n, any order): x_min scanned (options.Xmin = None) or fixed, exponent by maximum
/// likelihood (exact Hurwitz likelihood when options.Discrete), optional truncation at options.Xmax.
/// Throws ArgumentException naming "data" (index and value) for empty, non-finite, non-positive or, when discrete,
/// non-integer values, and naming "options" for inconsistent options or a tail that is too small.
[<CompiledName("Fit")>]
let fit (options: FitOptions) (data: float[]) : PowerLawFit =
    validate options data
    fitSorted options (Array.sort data)

/// True when every value is an integer (the CLI's default for choosing a discrete fit).
[<CompiledName("IsIntegerValued")>]
let isIntegerValued (data: float[]) = data |> Array.forall (fun x -> x = floor x && not (Double.IsInfinity x))

/// CSN semi-parametric bootstrap p-value of a fit (theory.md §6.4): resamples synthetic sets of the same size (power-law
/// tail with probability NTail/N, else the observed values outside [Xmin, Xmax]), refits each with the same options
/// (x_min scan included unless fixed), returns the fraction with KS >= fit.Ks. Resample k uses the stream
/// (seed, trial k, layer 0, Resampling), so the result is the same for any thread count. Throws ArgumentException when
/// resamples < 1.
[<CompiledName("BootstrapPValue")>]
let bootstrapPValue (options: FitOptions) (data: float[]) (fit: PowerLawFit) (resamples: int) (seed: uint64) : float =
    validate options data
    if resamples < 1 then invalidArg (nameof resamples) $"resamples must be >= 1, got {resamples}"
    let xmax = defaultArg fit.Xmax Double.PositiveInfinity
    let outside = data |> Array.filter (fun x -> x < fit.Xmin || x > xmax)
    let n = data.Length
    let pTail = float fit.NTail / float n
    let bound = if fit.Discrete then PowerLawSampler.discreteBound fit.Alpha fit.Xmin xmax else 0.0
    let exceed = Array.zeroCreate resamples
    Parallel.For(0, resamples, fun k ->
        let c = RandomCursor(RandomStream.For(seed, int64 k, 0, StreamRole.Resampling))
        let synthetic =
            Array.init n (fun _ ->
                if outside.Length = 0 || c.NextDouble() < pTail then
                    if fit.Discrete then PowerLawSampler.nextDiscrete c fit.Alpha fit.Xmin xmax bound
                    else PowerLawSampler.nextContinuous c fit.Alpha fit.Xmin xmax
                else outside[c.NextInt outside.Length])
        Array.sortInPlace synthetic
        let ok, d =
            try true, (fitSorted options synthetic).Ks
            with :? ArgumentException -> false, 0.0
        exceed[k] <- if ok && d >= fit.Ks then 1 else 0) |> ignore
    float (Array.sum exceed) / float resamples

/// Fast x_min scan (theory.md §6.3): the sorted data are reduced once to unique values with counts and suffix sums of
/// ln x, so each candidate's MLE costs O(1) (continuous) or one Brent search on the exact Hurwitz/truncated likelihood
/// (discrete), and its KS distance O(unique tail values). Used by Fit.fit; 10^6 points fit in about a second.
module Dip.Analysis.PowerLaw.XminScan

open System
open System.Threading.Tasks
open Dip.Analysis.Special

/// Sorted data reduced to unique values with counts and suffix sums over the values <= x_max.
type Prepared =
    { Values: float[] // unique values <= xmax, ascending
      Counts: int[] // count of each unique value
      SuffixCount: int[] // number of points with value >= Values[k] (length Values.Length + 1)
      SuffixLog: float[] // sum of ln x over those points
      LogValues: float[] } // ln Values[k]

let prepare (sorted: float[]) (xmax: float) =
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
    { Values = values.ToArray(); Counts = counts.ToArray(); SuffixCount = sc; SuffixLog = sl; LogValues = values.ToArray() |> Array.map log }

/// KS distance between the tail (unique values from index k) and the fitted law with lower bound xmin; stops early and
/// returns a value > stopAbove once the running maximum exceeds stopAbove (pass infinity for the exact distance).
let ksDistance (p: Prepared) (k: int) (discrete: bool) (alpha: float) (xmin: float) (xmax: float) (stopAbove: float) =
    let nt = float p.SuffixCount[k]
    let mutable d = 0.0
    let mutable below = 0.0
    let mutable j = k
    let last = p.Values.Length - 1
    if discrete then
        // P(X >= x) via tail sums T(x) = sum_{i=x}^{xmax} i^-alpha; compare at each value and just before it.
        let tail x =
            if x > xmax then 0.0
            elif Double.IsPositiveInfinity xmax then (let struct (z, _, _) = HurwitzZeta.derivativesCore alpha x in z)
            else HurwitzZeta.powerSumCore alpha x xmax
        let t0 = tail xmin
        while j <= last && d <= stopAbove do
            let u = p.Values[j]
            let cumBefore = below
            below <- below + float p.Counts[j]
            let tu1 = tail (u + 1.0) // P(X <= u) = 1 - T(u+1)/T0
            let fu = 1.0 - tu1 / t0
            let fBefore = 1.0 - (tu1 + Math.Pow(u, -alpha)) / t0 // P(X <= u-1) = 1 - T(u)/T0
            d <- max d (max (abs (below / nt - fu)) (abs (cumBefore / nt - fBefore)))
            j <- j + 1
    else
        let e = 1.0 - alpha
        let lnXmin = log xmin
        let untruncated = Double.IsPositiveInfinity xmax
        let denominator = if untruncated || e = 0.0 then 1.0 else Likelihood.expm1 (e * log (xmax / xmin))
        while j <= last && d <= stopAbove do
            let y = p.LogValues[j] - lnXmin
            let f =
                if untruncated then -Likelihood.expm1 (e * y)
                elif e = 0.0 then y / log (xmax / xmin)
                else Likelihood.expm1 (e * y) / denominator
            let before = below / nt
            below <- below + float p.Counts[j]
            d <- max d (max (below / nt - f) (f - before))
            j <- j + 1
    d

/// Exponent fit and KS distance (early-stopped above stopAbove) with x_min = Values[k].
let fitAt (p: Prepared) (k: int) (discrete: bool) (xmax: float) (stopAbove: float) =
    let nt = p.SuffixCount[k]
    let xmin = p.Values[k]
    let f =
        if discrete then Likelihood.discrete nt p.SuffixLog[k] xmin xmax
        else Likelihood.continuous nt p.SuffixLog[k] xmin xmax
    f, ksDistance p k discrete f.Alpha xmin xmax stopAbove

/// Index of the KS-minimizing candidate among the unique values 0..count-1: exhaustive when count <= 2 grid, else a
/// coarse-to-fine search (grid candidates spread by rank, then again between the neighbours of the best one, until the
/// range is small enough to scan exhaustively). The best candidate so far is kept across levels, and a candidate's KS
/// pass stops as soon as it exceeds that best. KS(x_min) is exact at every candidate that can win; the coarse-to-fine
/// step assumes no narrower, deeper minimum hides between grid points.
let bestCandidate (p: Prepared) (count: int) (grid: int) (discrete: bool) (xmax: float) =
    let parallelWorth = p.SuffixCount[0] >= 20_000
    let mutable best = -1
    let mutable bestD = Double.PositiveInfinity
    let evalSet (ks: int[]) =
        let stop = bestD
        let ds = Array.zeroCreate ks.Length
        let eval i = ds[i] <- snd (fitAt p ks[i] discrete xmax stop)
        if parallelWorth then Parallel.For(0, ks.Length, eval) |> ignore
        else for i in 0 .. ks.Length - 1 do eval i
        for i in 0 .. ks.Length - 1 do
            if ds[i] < bestD || (ds[i] = bestD && ks[i] < best) then
                bestD <- ds[i]
                best <- ks[i]
    // Every 8th candidate first, so that the others can stop their KS pass early against its best.
    let evalMany (ks: int[]) =
        evalSet (ks |> Array.indexed |> Array.filter (fun (i, _) -> i % 8 = 0) |> Array.map snd)
        evalSet (ks |> Array.indexed |> Array.filter (fun (i, _) -> i % 8 <> 0) |> Array.map snd)
    let mutable lo = 0
    let mutable hi = count - 1
    let mutable fin = false
    while not fin do
        if hi - lo + 1 <= 2 * grid then
            evalMany [| lo .. hi |]
            fin <- true
        else
            let ks = Array.init grid (fun i -> lo + int (int64 (hi - lo) * int64 i / int64 (grid - 1))) |> Array.distinct
            evalMany ks
            let b = Array.BinarySearch(ks, best)
            let b = if b >= 0 then b else ~~~b
            lo <- ks[max 0 (b - 1)]
            hi <- ks[min (ks.Length - 1) (b + 1)]
    best

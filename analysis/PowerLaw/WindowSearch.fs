/// NCC-style support choice for the doubly truncated power law (theory.md §6.6; Marshall et al. 2016, Deluca & Corral
/// 2013): among candidate windows [xmin, xmax] of observed values, widest first (by ln(xmax/xmin)), return the first
/// whose no-refit goodness-of-fit p-value (theory.md §6.4, NCC variant) is at least PCrit.
module Dip.Analysis.PowerLaw.WindowSearch

open System
open Dip.Engine.Random
open Dip.Analysis.Special
open Dip.Analysis.Generators

/// Search settings. PCrit: acceptance threshold of the p-value (NCC: 0.2); Samples: synthetic sets per p-value (NCC:
/// 500); Ends: how many candidate lower ends and upper ends, spread by rank over the distinct values (Ends^2/2 windows at
/// most); MinTail: fewest points a window may hold; Seed: synthetic set k of the window tried j-th uses stream
/// (Seed, trial k, layer j, Resampling).
type WindowOptions =
    { PCrit: float
      Samples: int
      Ends: int
      MinTail: int
      Seed: uint64 }

    /// PCrit 0.2, 500 samples, 40 ends, windows of at least 50 points, seed 0.
    static member Default = { PCrit = 0.2; Samples = 500; Ends = 40; MinTail = 50; Seed = 0UL }

/// The accepted window: the truncated fit on it, its p-value over all Samples synthetic sets, and AlphaSd, the standard
/// deviation of alpha refitted on those sets (NCC's sigma_tau). WindowsTried counts the windows tested.
type WindowResult =
    { Fit: PowerLawFit
      PValue: float
      AlphaSd: float
      WindowsTried: int }

/// Sampler of the fitted truncated law on [a, b]: continuous by inverse transform, discrete by inverting the cumulative
/// table over the support (a multinomial over {a..b}).
let private sampler (discrete: bool) (alpha: float) (a: float) (b: float) : RandomCursor -> float =
    if discrete then
        let size = int (b - a) + 1
        let cumulative = Array.zeroCreate size
        let mutable s = 0.0
        for i in 0 .. size - 1 do
            s <- s + Math.Pow(a + float i, -alpha)
            cumulative[i] <- s
        fun c ->
            let u = c.NextDouble() * s
            let i = Array.BinarySearch(cumulative, u)
            a + float (min (size - 1) (if i >= 0 then i else ~~~i))
    else fun c -> PowerLawSampler.drawContinuousTruncated c alpha a b

/// Exponent fit and KS distance of sorted window data (all in [a, b]).
let private fitWindow (discrete: bool) (sorted: float[]) (a: float) (b: float) =
    let n = sorted.Length
    let sumLog = sorted |> Array.sumBy log
    let f = if discrete then Likelihood.discrete n sumLog a b else Likelihood.continuous n sumLog a b
    let p = XminScan.prepare sorted b
    f, XminScan.ksDistance p 0 discrete f.Alpha a b Double.PositiveInfinity

/// Searches the widest acceptable window. data: any order, finite and > 0 (integers when discrete). Returns None when no
/// candidate window is accepted. Throws ArgumentException naming "data" or "options" on bad input.
[<CompiledName("Search")>]
let search (discrete: bool) (options: WindowOptions) (data: float[]) : WindowResult option =
    Fit.validate data
    if discrete && not (Fit.isIntegerValued data) then invalidArg (nameof data) "discrete window search of non-integer data"
    if not (options.PCrit > 0.0 && options.PCrit < 1.0) then invalidArg (nameof options) $"PCrit = {options.PCrit}: must be in (0, 1)"
    if options.Samples < 1 || options.Ends < 2 || options.Ends > 4096 || options.MinTail < 2 then
        invalidArg (nameof options) $"Samples = {options.Samples}, Ends = {options.Ends}, MinTail = {options.MinTail}: need >= 1, in [2, 4096], >= 2"
    let sorted = Array.sort data
    let values = Array.distinct sorted
    let pick count = Array.init (min count values.Length) (fun i -> values[int (int64 i * int64 (values.Length - 1) / int64 (max 1 (min count values.Length - 1)))]) |> Array.distinct
    let ends = pick options.Ends
    let lowerIndex x = let i = Array.BinarySearch(sorted, x) in (if i >= 0 then i else ~~~i) |> fun i -> (let mutable j = i in (while j > 0 && sorted[j - 1] = x do j <- j - 1); j)
    let upperIndex x = let mutable j = (lowerIndex x) in (while j < sorted.Length && sorted[j] = x do j <- j + 1); j
    let windows =
        [| for i in 0 .. ends.Length - 1 do
             for j in i + 2 .. ends.Length - 1 do
                 let a, b = ends[i], ends[j]
                 if upperIndex b - lowerIndex a >= options.MinTail then yield a, b |]
        |> Array.sortBy (fun (a, b) -> -log (b / a), a)
    let n = data.Length
    let mutable result = None
    let mutable tried = 0
    let mutable w = 0
    while result.IsNone && w < windows.Length do
        let a, b = windows[w]
        tried <- tried + 1
        let window = sorted[lowerIndex a .. upperIndex b - 1]
        let nt = window.Length
        let f, ks = fitWindow discrete window a b
        let draw = sampler discrete f.Alpha a b
        // NCC variant: synthetic sets from the fitted law, KS against the same exponent (no refit). Accept once
        // PCrit * Samples sets reached the observed KS; reject once that is impossible, or early (NCC's binomial test)
        // once P(Binomial(k, PCrit) <= exceedances) < 1e-3.
        let needed = int (ceil (options.PCrit * float options.Samples))
        let mutable exceed = 0
        let mutable k = 0
        let hopeless () = k >= 10 && MathNet.Numerics.Distributions.Binomial.CDF(options.PCrit, k, exceed) < 1e-3
        while k < options.Samples && exceed < needed && (k - exceed) <= options.Samples - needed && not (hopeless ()) do
            let c = RandomCursor(RandomStream.For(options.Seed, int64 k, w, StreamRole.Resampling))
            let synthetic = Array.init nt (fun _ -> draw c)
            Array.sortInPlace synthetic
            let p = XminScan.prepare synthetic b
            if XminScan.ksDistance p 0 discrete f.Alpha a b Double.PositiveInfinity >= ks then exceed <- exceed + 1
            k <- k + 1
        if exceed >= needed then
            // Accepted: the full p-value and sigma_tau over all Samples sets.
            let mutable exceedAll = 0
            let alphas =
                Array.init options.Samples (fun k ->
                    let c = RandomCursor(RandomStream.For(options.Seed, int64 k, w, StreamRole.Resampling))
                    let synthetic = Array.init nt (fun _ -> draw c)
                    Array.sortInPlace synthetic
                    let p = XminScan.prepare synthetic b
                    if XminScan.ksDistance p 0 discrete f.Alpha a b Double.PositiveInfinity >= ks then exceedAll <- exceedAll + 1
                    (fst (fitWindow discrete synthetic a b)).Alpha)
            let mean = Array.average alphas
            let sd = if alphas.Length > 1 then sqrt ((alphas |> Array.sumBy (fun x -> (x - mean) ** 2.0)) / float (alphas.Length - 1)) else nan
            let fit =
                { Alpha = f.Alpha; AlphaSe = f.AlphaSe; Xmin = a; Xmax = Some b; N = n; NTail = nt; Ks = ks; Discrete = discrete
                  LogLikelihood = f.LogLikelihood }
            result <- Some { Fit = fit; PValue = float exceedAll / float options.Samples; AlphaSd = sd; WindowsTried = tried }
        w <- w + 1
    result

/// Discrete power laws on the integers {xmin, xmin+1, ...} or {xmin..xmax} (theory.md §6.2, §6.6): the exact likelihood
/// with the Hurwitz zeta function (not the xmin - 1/2 approximation), standard error, CDF and KS distance.
module Dip.Analysis.PowerLaw.Discrete

open System
open Dip.Analysis.Special

/// Largest support b - a for which a truncated law with alpha <= 1 is normalised by direct summation.
let private directSumLimit = 1e6

/// Normalizer of the law: zeta(alpha, a) untruncated; truncated, zeta(alpha, a) - zeta(alpha, b + 1) for alpha > 1 and
/// the direct sum of k^-alpha otherwise (support up to 10^6 points).
let normalizer (alpha: float) (a: float) (b: float option) =
    match b with
    | None -> HurwitzZeta.value alpha a
    | Some b when alpha > 1.0 + 1e-6 -> HurwitzZeta.value alpha a - HurwitzZeta.value alpha (b + 1.0)
    | Some b when b - a <= directSumLimit ->
        let mutable s = 0.0
        let mutable k = b
        while k >= a do
            s <- s + k ** (-alpha)
            k <- k - 1.0
        s
    | Some b -> invalidArg (nameof alpha) $"a truncated law on {b - a + 1.0} points needs alpha > 1, got {alpha}"

/// P(X <= x) of the fitted law, as a function (a truncated law with alpha <= 1 precomputes its cumulative sums once).
let cdf (alpha: float) (xmin: float) (xmax: float option) : float -> float =
    match xmax with
    | None ->
        let z = HurwitzZeta.value alpha xmin
        fun x -> if x < xmin then 0.0 else 1.0 - HurwitzZeta.value alpha (floor x + 1.0) / z
    | Some b when alpha <= 1.0 + 1e-6 ->
        let terms = int (b - xmin) + 1
        let cumulative = Array.zeroCreate<float> terms
        let mutable s = 0.0
        for k in 0 .. terms - 1 do
            s <- s + (xmin + float k) ** (-alpha)
            cumulative.[k] <- s
        fun x -> if x < xmin then 0.0 elif x >= b then 1.0 else cumulative.[int (floor x - xmin)] / s
    | Some b ->
        let z = normalizer alpha xmin xmax
        fun x -> if x < xmin then 0.0 elif x >= b then 1.0 else normalizer alpha xmin (Some(floor x)) / z

/// KS distance over the integers: the empirical CDF jumps only at observed values, so the supremum is attained at an
/// observed value v or just before it (v - 1).
let ks (sortedTail: float[]) (cdf: float -> float) =
    let n = float sortedTail.Length
    let mutable d, i, below = 0.0, 0, 0.0
    while i < sortedTail.Length do
        let v = sortedTail.[i]
        let mutable j = i
        while j < sortedTail.Length && sortedTail.[j] = v do j <- j + 1
        d <- max d (abs (below - cdf (v - 1.0)))
        let at = float j / n
        d <- max d (abs (at - cdf v))
        below <- at
        i <- j
    d

/// Fits the tail (sorted ascending integers >= xmin, <= xmax) given xmin; n is the size of the whole data set.
let fitTail (sortedTail: float[]) (xmin: float) (xmax: float option) (n: int) : PowerLawFit =
    let nt = sortedTail.Length
    if nt < 2 then invalidArg (nameof sortedTail) $"a power-law fit needs at least 2 tail points, got {nt}"
    let sumLog = sortedTail |> Array.sumBy log
    let meanLog = sumLog / float nt
    if meanLog <= log xmin then invalidArg (nameof sortedTail) $"all {nt} tail points equal xmin = {xmin}: no finite exponent"
    match xmax with
    | None ->
        // d/dalpha of the mean log-likelihood is -zeta'/zeta - mean ln x, decreasing in alpha (its derivative is -Var ln X).
        let score alpha =
            let struct (z, z1, _) = HurwitzZeta.withDerivatives alpha xmin
            -z1 / z - meanLog
        let mutable lo, hi = 1.0 + 1e-9, 2.0
        while score hi > 0.0 && hi < 50.0 do hi <- hi * 2.0
        while hi - lo > 1e-13 * hi do
            let mid = 0.5 * (lo + hi)
            if score mid > 0.0 then lo <- mid else hi <- mid
        let alpha = 0.5 * (lo + hi)
        let struct (z, z1, z2) = HurwitzZeta.withDerivatives alpha xmin
        let information = float nt * (z2 / z - (z1 / z) ** 2.0)
        { Alpha = alpha; AlphaSe = 1.0 / sqrt information; Xmin = xmin; Xmax = None; N = n; NTail = nt
          Ks = ks sortedTail (cdf alpha xmin None); Discrete = true
          LogLikelihood = -float nt * log z - alpha * sumLog }
    | Some b ->
        let total alpha = -float nt * log (normalizer alpha xmin xmax) - alpha * sumLog
        let lowest = if b - xmin <= directSumLimit then -4.0 else 1.0 + 1e-6
        let alpha = Continuous.maximize total lowest 8.0
        { Alpha = alpha; AlphaSe = Continuous.curvatureSe total alpha; Xmin = xmin; Xmax = Some b; N = n; NTail = nt
          Ks = ks sortedTail (cdf alpha xmin xmax); Discrete = true; LogLikelihood = total alpha }

/// Continuous power laws on [xmin, infinity) or [xmin, xmax] (theory.md §6.1, §6.6): MLE, standard error,
/// log-likelihood, CDF and KS distance. Inputs are the tail values sorted ascending.
module Dip.Analysis.PowerLaw.Continuous

open System

/// CDF of the fitted law at x (untruncated: 1 - (x/xmin)^(1-alpha); truncated on [a, b] as in Deluca-Corral).
let cdf (alpha: float) (xmin: float) (xmax: float option) (x: float) =
    match xmax with
    | None -> 1.0 - (x / xmin) ** (1.0 - alpha)
    | Some b when abs (alpha - 1.0) < 1e-12 -> log (x / xmin) / log (b / xmin)
    | Some b -> (xmin ** (1.0 - alpha) - x ** (1.0 - alpha)) / (xmin ** (1.0 - alpha) - b ** (1.0 - alpha))

/// KS distance of sorted tail data against a continuous CDF: max_i max(i/n - F(x_i), F(x_i) - (i-1)/n).
let ks (sortedTail: float[]) (cdf: float -> float) =
    let n = float sortedTail.Length
    let mutable d = 0.0
    for i in 0 .. sortedTail.Length - 1 do
        let f = cdf sortedTail.[i]
        d <- max d (max (float (i + 1) / n - f) (f - float i / n))
    d

/// Log-likelihood per point of the truncated law on [a, b] (any real alpha).
let truncatedLogLikelihoodPerPoint (alpha: float) (a: float) (b: float) (meanLog: float) =
    if abs (alpha - 1.0) < 1e-9 then -log (log (b / a)) - meanLog
    else
        let r = a / b
        log ((alpha - 1.0) / (1.0 - r ** (alpha - 1.0))) - alpha * meanLog + (alpha - 1.0) * log a

/// Maximizes a concave function of one variable on [lo, hi] by golden-section search to 1e-10.
let internal maximize (f: float -> float) (lo: float) (hi: float) =
    let g = (sqrt 5.0 - 1.0) / 2.0
    let mutable a, b = lo, hi
    let mutable c, d = b - g * (b - a), a + g * (b - a)
    let mutable fc, fd = f c, f d
    while b - a > 1e-10 do
        if fc > fd then
            b <- d
            d <- c
            fd <- fc
            c <- b - g * (b - a)
            fc <- f c
        else
            a <- c
            c <- d
            fc <- fd
            d <- a + g * (b - a)
            fd <- f d
    0.5 * (a + b)

/// Standard error 1/sqrt(-L''(alpha)) from a central second difference of the total log-likelihood.
let internal curvatureSe (logLikelihood: float -> float) (alpha: float) =
    let h = 1e-4
    let second = (logLikelihood (alpha + h) - 2.0 * logLikelihood alpha + logLikelihood (alpha - h)) / (h * h)
    if second < 0.0 then 1.0 / sqrt (-second) else nan

/// Fits the tail (sorted ascending, all >= xmin and <= xmax) given xmin; n is the size of the whole data set.
let fitTail (sortedTail: float[]) (xmin: float) (xmax: float option) (n: int) : PowerLawFit =
    let nt = sortedTail.Length
    if nt < 2 then invalidArg (nameof sortedTail) $"a power-law fit needs at least 2 tail points, got {nt}"
    let sumLog = sortedTail |> Array.sumBy (fun x -> log (x / xmin))
    match xmax with
    | None ->
        if sumLog <= 0.0 then invalidArg (nameof sortedTail) $"all {nt} tail points equal xmin = {xmin}: no finite exponent"
        let alpha = 1.0 + float nt / sumLog
        { Alpha = alpha; AlphaSe = (alpha - 1.0) / sqrt (float nt); Xmin = xmin; Xmax = None; N = n; NTail = nt
          Ks = ks sortedTail (cdf alpha xmin None); Discrete = false
          LogLikelihood = float nt * log ((alpha - 1.0) / xmin) - alpha * sumLog }
    | Some b ->
        let meanLog = (sortedTail |> Array.sumBy log) / float nt
        let total alpha = float nt * truncatedLogLikelihoodPerPoint alpha xmin b meanLog
        let alpha = maximize total -4.0 8.0
        { Alpha = alpha; AlphaSe = curvatureSe total alpha; Xmin = xmin; Xmax = Some b; N = n; NTail = nt
          Ks = ks sortedTail (cdf alpha xmin xmax); Discrete = false; LogLikelihood = total alpha }

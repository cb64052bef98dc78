/// Small statistics helpers for tests: moments, standard errors, two-sample KS, digamma and trigamma.
module Dip.PropTests.Statistics

open System

/// Sample mean.
let mean (xs: float[]) = Array.average xs

/// Unbiased sample variance.
let variance (xs: float[]) =
    let m = mean xs
    (xs |> Array.sumBy (fun x -> (x - m) ** 2.0)) / float (xs.Length - 1)

/// Standard error of the sample mean.
let meanSe (xs: float[]) = sqrt (variance xs / float xs.Length)

/// Standard error of the sample variance, (mu4 - sigma^4) / n to leading order, from the sample's own fourth moment.
let varianceSe (xs: float[]) =
    let m = mean xs
    let m4 = xs |> Array.averageBy (fun x -> (x - m) ** 4.0)
    let v = variance xs
    sqrt ((m4 - v * v) / float xs.Length)

/// Two-sample Kolmogorov-Smirnov statistic sup |F1 - F2| (the analysis library's, itself tested against a brute-force sup).
let ksStatistic (a: float[]) (b: float[]) = Dip.Analysis.Statistics.TwoSampleKs.statistic a b

/// Critical value of the two-sample KS statistic at significance alpha (asymptotic Kolmogorov law).
let ksCritical (alpha: float) (n: int) (m: int) =
    sqrt (-log (alpha / 2.0) / 2.0) * sqrt (float (n + m) / float (n * m))

/// Digamma psi(x), x > 0 (MathNet).
let digamma (x: float) = MathNet.Numerics.SpecialFunctions.DiGamma x

/// Trigamma psi'(x), x > 0: recurrence up to x >= 10, then the asymptotic series (error < 1e-12).
let trigamma (x: float) =
    let mutable x, acc = x, 0.0
    while x < 10.0 do
        acc <- acc + 1.0 / (x * x)
        x <- x + 1.0
    let x2 = 1.0 / (x * x)
    acc + 1.0 / x + x2 / 2.0 + (1.0 / x) * x2 * (1.0 / 6.0 - x2 * (1.0 / 30.0 - x2 * (1.0 / 42.0 - x2 / 30.0)))

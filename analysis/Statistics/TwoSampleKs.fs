/// The two-sample Kolmogorov-Smirnov test: are two samples drawn from one law? Used to cross-check simulation paths
/// (exact against dense) on avalanche statistics.
module Dip.Analysis.Statistics.TwoSampleKs

open System

/// The statistic D = sup_x |F_a(x) - F_b(x)| of the two empirical CDFs (ties handled: both CDFs step together).
let statistic (a: float[]) (b: float[]) : float =
    if isNull a || isNull b || a.Length = 0 || b.Length = 0 then
        invalidArg "samples" "the two-sample KS statistic needs two non-empty samples"
    let a, b = Array.sort a, Array.sort b
    let mutable i, j, d = 0, 0, 0.0
    while i < a.Length && j < b.Length do
        let x = min a.[i] b.[j]
        while i < a.Length && a.[i] <= x do i <- i + 1
        while j < b.Length && b.[j] <= x do j <- j + 1
        d <- max d (abs (float i / float a.Length - float j / float b.Length))
    d

/// The Kolmogorov survival function Q(lambda) = 2 sum_k (-1)^(k-1) exp(-2 k^2 lambda^2) (1 at lambda = 0).
let kolmogorovSurvival (lambda: float) : float =
    if lambda < 0.2 then 1.0
    else
        let mutable sum, k, term = 0.0, 1, 1.0
        while k <= 100 && abs term > 1e-16 do
            term <- (if k % 2 = 1 then 2.0 else -2.0) * exp (-2.0 * float (k * k) * lambda * lambda)
            sum <- sum + term
            k <- k + 1
        min 1.0 (max 0.0 sum)

/// The statistic and its asymptotic p-value, with Stephens' small-sample correction of the effective size
/// (lambda = (sqrt n_e + 0.12 + 0.11 / sqrt n_e) D, n_e = n m / (n + m)). Conservative for discrete data.
let test (a: float[]) (b: float[]) : float * float =
    let d = statistic a b
    let ne = float a.Length * float b.Length / float (a.Length + b.Length)
    let lambda = (sqrt ne + 0.12 + 0.11 / sqrt ne) * d
    d, kolmogorovSurvival lambda

module Dip.PropTests.Analysis.PowerLaw.LikelihoodSamplerTests

open System
open NUnit.Framework
open Dip.Engine.Random
open Dip.Analysis.Special
open Dip.Analysis.PowerLaw
open Dip.Analysis.Generators

/// Samplers of Generators.PowerLawSampler by support: xmax = infinity for the untruncated laws.
let private sampleContinuous (seed: uint64) alpha a b n =
    if Double.IsPositiveInfinity b then PowerLawSampler.continuous alpha a n seed
    else PowerLawSampler.continuousTruncated alpha a b n seed
let private sampleDiscrete (seed: uint64) alpha (a: float) (b: float) n =
    if Double.IsPositiveInfinity b then PowerLawSampler.discrete alpha (int a) n seed
    else PowerLawSampler.discreteTruncated alpha (int a) (int b) n seed
/// Test cases use xmax = 0 for "untruncated" (attributes cannot hold infinity).
let private untruncatedIfZero x = if x = 0.0 then infinity else x
let private sumLog (xs: float[]) = xs |> Array.sumBy log

[<Test>]
let ``continuous MLE oracle {1,2,4,8} with xmin 1`` () =
    let xs = [| 1.0; 2.0; 4.0; 8.0 |]
    let fit = Likelihood.continuous 4 (sumLog xs) 1.0 Double.PositiveInfinity
    Assert.That(fit.Alpha, Is.EqualTo(1.9617966939259757).Within(1e-15))

[<Test>]
let ``continuous MLE follows the exact Gamma law (mean and variance, 3 SE)`` () =
    // G = sum ln(x/xmin) ~ Gamma(n, alpha-1): E alpha_hat = 1 + (alpha-1) n/(n-1), Var from theory.md §6.1.
    let n, reps = 40, 2000
    for (k, alpha) in List.indexed [ 1.5; 2.5; 3.5 ] do
        let est =
            Array.init reps (fun r ->
                let xs = sampleContinuous (uint64 (100_000 * k + r)) alpha 2.0 Double.PositiveInfinity n
                (Likelihood.continuous n (sumLog xs) 2.0 Double.PositiveInfinity).Alpha)
        let nf = float n
        let mean = 1.0 + (alpha - 1.0) * nf / (nf - 1.0)
        let var = (alpha - 1.0) ** 2.0 * nf * nf / ((nf - 1.0) ** 2.0 * (nf - 2.0))
        let m = Array.average est
        Assert.That(m, Is.EqualTo(mean).Within(3.0 * sqrt (var / float reps)), $"alpha={alpha}")
        let v = est |> Array.sumBy (fun a -> (a - m) ** 2.0) |> fun s -> s / float (reps - 1)
        // The variance of the sample variance needs the 4th moment; G's inverse is heavy-ish, so allow 25% (>> 3 SE of
        // a chi^2-like estimate with 2000 replicates, ~3 * sqrt(2/2000) ~ 10% for a normal law).
        Assert.That(v, Is.EqualTo(var).Within(0.25 * var), $"alpha={alpha}")

/// Chi^2 statistic of counts against expected probabilities, lumping bins until each expects >= 10.
let private chiSquare (counts: int[]) (probs: float[]) (n: int) =
    let mutable stat, df, accO, accE = 0.0, -1, 0.0, 0.0
    for i in 0 .. counts.Length - 1 do
        accO <- accO + float counts[i]
        accE <- accE + probs[i] * float n
        if accE >= 10.0 || i = counts.Length - 1 then
            stat <- stat + (accO - accE) ** 2.0 / accE
            df <- df + 1
            accO <- 0.0
            accE <- 0.0
    stat, df

[<TestCase(2.5, 1.0, 0.0, 1)>]
[<TestCase(1.8, 5.0, 0.0, 2)>]
[<TestCase(2.2, 2.0, 30.0, 3)>]
[<TestCase(0.5, 3.0, 40.0, 4)>]
let ``discrete sampler passes a chi-square test`` (alpha: float, xmin: float, xmaxOrZero: float, trial: int64) =
    let xmax = untruncatedIfZero xmaxOrZero
    let n = 50_000
    let xs = sampleDiscrete (uint64 (700L + trial)) alpha xmin xmax n
    let top = if Double.IsPositiveInfinity xmax then xmin + 200.0 else xmax
    let norm = HurwitzZeta.powerSum alpha xmin xmax
    let bins = int (top - xmin) + 2 // last bin: x > top
    let counts = Array.zeroCreate bins
    for x in xs do
        Assert.That(x = floor x && x >= xmin && x <= xmax, $"value {x}")
        let i = if x > top then bins - 1 else int (x - xmin)
        counts[i] <- counts[i] + 1
    let probs = Array.init bins (fun i -> if i = bins - 1 then 0.0 else Math.Pow(xmin + float i, -alpha) / norm)
    probs[bins - 1] <- max 0.0 (1.0 - Array.sum probs)
    let stat, df = chiSquare counts probs n
    let critical = MathNet.Numerics.Distributions.ChiSquared.InvCDF(float df, 0.999)
    Assert.That(stat, Is.LessThan(critical), $"chi2={stat} df={df}")

[<TestCase(2.5, 1.0, 100.0)>]
[<TestCase(1.0, 1.0, 1000.0)>]
[<TestCase(-0.5, 2.0, 5.0)>]
let ``truncated continuous sampler passes a known-parameter KS test`` (alpha: float, a: float, b: float) =
    let n = 20_000
    let xs = sampleContinuous 5UL alpha a b n |> Array.sort
    let mutable d = 0.0
    for i in 0 .. n - 1 do
        let f = Likelihood.continuousCdf alpha a b xs[i]
        d <- max d (max (float (i + 1) / float n - f) (f - float i / float n))
    // Kolmogorov law: P(sqrt n D > 1.949) = 0.001.
    Assert.That(sqrt (float n) * d, Is.LessThan 1.949)

[<TestCase(2.5, 1.0, 0.0, 10L)>]
[<TestCase(1.7, 4.0, 0.0, 11L)>]
[<TestCase(2.0, 1.0, 50.0, 12L)>]
[<TestCase(0.7, 2.0, 100.0, 13L)>]
let ``discrete MLE recovers alpha within 4 SE`` (alpha: float, xmin: float, xmaxOrZero: float, trial: int64) =
    let xmax = untruncatedIfZero xmaxOrZero
    let n = 5000
    let xs = sampleDiscrete (uint64 (300L + trial)) alpha xmin xmax n
    let fit = Likelihood.discrete n (sumLog xs) xmin xmax
    Assert.That(fit.Alpha, Is.EqualTo(alpha).Within(4.0 * fit.AlphaSe))

[<TestCase(2.5, 2.0, 50.0, 20L)>]
[<TestCase(1.0, 1.0, 1000.0, 21L)>]
let ``truncated continuous MLE recovers alpha within 4 SE`` (alpha: float, a: float, b: float, trial: int64) =
    let n = 5000
    let xs = sampleContinuous (uint64 (300L + trial)) alpha a b n
    let fit = Likelihood.continuous n (sumLog xs) a b
    Assert.That(fit.Alpha, Is.EqualTo(alpha).Within(4.0 * fit.AlphaSe))

[<Test>]
let ``discrete MLE satisfies the score equation zeta'/zeta = -mean ln x`` () =
    let xs = [| 1.0; 1.0; 2.0; 3.0; 1.0; 7.0; 2.0; 15.0 |]
    let fit = Likelihood.discrete xs.Length (sumLog xs) 1.0 infinity
    let struct (z, z1, _) = HurwitzZeta.withDerivatives fit.Alpha 1.0
    Assert.That(z1 / z, Is.EqualTo(-(sumLog xs) / float xs.Length).Within(1e-8))


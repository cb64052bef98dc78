/// The two-sample KS test: the statistic against a brute-force sup, the Kolmogorov survival function against known
/// values, and the p-value's calibration under the null.
module Dip.PropTests.Analysis.Statistics.TwoSampleKsTests

open NUnit.Framework
open FsCheck.NUnit
open Dip.Analysis.Statistics
open Dip.Analysis.Generators

[<Property(MaxTest = 100)>]
let ``the statistic is the largest CDF gap over all sample points`` (a: int list) (b: int list) =
    let a = (0 :: a) |> List.map (fun x -> float (x % 7)) |> Array.ofList
    let b = (1 :: b) |> List.map (fun x -> float (x % 5)) |> Array.ofList
    let cdf (s: float[]) x = float (s |> Array.filter (fun v -> v <= x) |> Array.length) / float s.Length
    let brute = Array.append a b |> Array.map (fun x -> abs (cdf a x - cdf b x)) |> Array.max
    abs (TwoSampleKs.statistic a b - brute) < 1e-12

[<Test>]
let ``the Kolmogorov survival function has its tabulated values`` () =
    // Q(lambda) = P(K > lambda): the 10%, 5% and 1% critical values 1.2238, 1.3581, 1.6276.
    Assert.That(TwoSampleKs.kolmogorovSurvival 1.2238, Is.EqualTo(0.10).Within(1e-4))
    Assert.That(TwoSampleKs.kolmogorovSurvival 1.3581, Is.EqualTo(0.05).Within(1e-4))
    Assert.That(TwoSampleKs.kolmogorovSurvival 1.6276, Is.EqualTo(0.01).Within(1e-4))

[<Test>]
let ``under the null the p-value falls below 0.05 about 5% of the time; a shifted law is rejected`` () =
    let runs = 400
    let rejections =
        [ 0 .. runs - 1 ]
        |> List.filter (fun k ->
            let a = PowerLawSampler.continuous 2.0 1.0 300 (uint64 (2 * k + 1))
            let b = PowerLawSampler.continuous 2.0 1.0 300 (uint64 (2 * k + 2))
            snd (TwoSampleKs.test a b) < 0.05)
        |> List.length
    // Binomial(400, 0.05): mean 20, sd 4.4; the asymptotic law is slightly conservative at n = 300.
    Assert.That(rejections, Is.InRange(20 - 14, 20 + 14))
    let _, p = TwoSampleKs.test (PowerLawSampler.continuous 2.0 1.0 300 3UL) (PowerLawSampler.continuous 2.0 1.3 300 4UL)
    Assert.That(p, Is.LessThan 1e-6)

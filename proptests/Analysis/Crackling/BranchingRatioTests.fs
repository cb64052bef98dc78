/// Branching-ratio estimators on processes with a known ratio m.
module Dip.PropTests.Analysis.Crackling.BranchingRatioTests

open System
open NUnit.Framework
open Dip.Engine.Random
open Dip.Analysis.Generators
open Dip.Analysis.Crackling

[<Test>]
let ``naive ratio of subcritical Poisson(0.8) trees is 0.8 at every layer and pooled`` () =
    // E[Z_(l+1) | Z_l] = m Z_l, so every ratio has mean m; ratios at different layers are martingale differences
    // (uncorrelated), so the pooled SE is the pooled SD / sqrt(total).
    let trees = Branching.avalanches (Branching.Poisson 0.8) 100_000 20_000 31UL
    let activity = trees |> Array.map (fun a -> Array.append a.Profile [| 0.0 |])
    let r = BranchingRatio.naive activity
    for l in 0 .. 4 do
        Assert.That(abs (r.PerLayer[l] - 0.8), Is.LessThan(5.0 * r.StandardErrors[l]), $"layer {l}: {r.PerLayer[l]} se {r.StandardErrors[l]}")
    Assert.That(r.Counts[0], Is.EqualTo trees.Length)
    let ratios = [| for row in activity do for l in 0 .. row.Length - 2 do if row[l] > 0.0 then row[l + 1] / row[l] |]
    let se = MathNet.Numerics.Statistics.Statistics.StandardDeviation ratios / sqrt (float ratios.Length)
    Assert.That(r.Pooled, Is.EqualTo(Array.average ratios).Within(1e-12))
    Assert.That(abs (r.Pooled - 0.8), Is.LessThan(5.0 * se))

/// Driven branching A_(t+1) ~ Poisson(m A_t + h) (stationary mean h / (1 - m)), observed through binomial thinning
/// with probability alpha; rows = trials of `steps` steps after a burn-in of 500.
let drivenSubsampled (seed: uint64) (m: float) (h: float) (alpha: float) (trials: int) (steps: int) =
    Array.Parallel.init trials (fun trial ->
        let cursor = RandomCursor(RandomStream.For(seed, int64 trial, 0, StreamRole.Generator))
        let mutable a = h / (1.0 - m)
        let row = Array.zeroCreate steps
        for t in -500 .. steps - 1 do
            a <- float (Poisson.sample cursor (m * a + h))
            if t >= 0 then
                let mutable seen = 0
                for _ in 1 .. int a do
                    if cursor.NextDouble() < alpha then seen <- seen + 1
                row[t] <- float seen
        row)

[<Test>]
let ``multistep regression recovers m under subsampling where the naive slope does not`` () =
    let seed = 1UL
    let m, h, alpha = 0.9, 10.0, 0.1
    let data = drivenSubsampled seed m h alpha 10 4000
    let mr = BranchingRatio.multistep 20 data
    // Stationary Var A = (m mu + h) / (1 - m^2), mu = h / (1 - m); Var a = alpha^2 Var A + alpha (1 - alpha) mu.
    let mu = h / (1.0 - m)
    let varA = (m * mu + h) / (1.0 - m * m)
    let b = alpha * alpha * varA / (alpha * alpha * varA + alpha * (1.0 - alpha) * mu)
    TestContext.Out.WriteLine($"seed {seed}: m {mr.M} b {mr.B} (exact b {b}) r1 {mr.Slopes[0]}")
    // Spread over seeds 1-8 at this size: SD(M) = 0.0068, SD(B) = 0.0064, SD(r_1) = 0.0060; tolerances are 5 SD.
    Assert.That(mr.M, Is.EqualTo(m).Within(0.034))
    Assert.That(mr.B, Is.EqualTo(b).Within(0.032))
    // The one-step slope (the naive regression estimate) is b m, about 0.33, far below m.
    Assert.That(mr.Slopes[0], Is.EqualTo(b * m).Within(0.030))

[<Test>]
let ``bad input raises ArgumentException`` () =
    Assert.Throws<ArgumentException>(fun () -> BranchingRatio.naive [| [| 1.0; -1.0 |] |] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> BranchingRatio.naive [| [| 1.0; nan |] |] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> BranchingRatio.multistep 1 [| [| 1.0; 2.0; 3.0 |] |] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> BranchingRatio.multistep 3 [| [| 1.0; 2.0; 3.0 |] |] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> BranchingRatio.multistep 2 [| [| 1.0; 1.0; 1.0; 1.0 |] |] |> ignore) |> ignore

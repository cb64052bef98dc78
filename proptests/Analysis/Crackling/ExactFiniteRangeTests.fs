/// Exact finite-range crackling oracles (theory.md §4.5-§4.7, §7), complementing OracleTests: the shape-collapse
/// exponent on critical Poisson(1) branching (mean-field DP: gamma = 2, parabola), and gamma_fit and the collapse on
/// simple symmetric random-walk excursions (free BM: gamma = 3/2, semicircle).
///
/// Finite durations carry known corrections (E[S | D = n] = n^2/6 + O(n) for the branching process), so a fit over
/// D <= 200 does not return the asymptotic exponent. Each statistical check therefore compares the estimate on sampled
/// avalanches with the same estimator applied to the exact conditional means of the same durations (computed below
/// from exact recursions), within 5 standard errors; separate deterministic checks bound the distance of that exact
/// finite-range value from the asymptotic exponent and show the local slope converging to it.
module Dip.PropTests.Analysis.Crackling.ExactFiniteRangeTests

open System
open NUnit.Framework
open Dip.Analysis.Generators
open Dip.Analysis.Crackling

/// Exact Poisson(1) Galton–Watson quantities up to duration nMax.
type GaltonWatsonExact(nMax: int) =
    let q = Array.scan (fun q _ -> exp (q - 1.0)) 0.0 [| 1 .. nMax |]
    let m =
        let m = Array.zeroCreate (nMax + 1)
        for k in 1 .. nMax do m[k] <- q[k] * (1.0 + m[k - 1])
        m
    /// E[Z_k 1{D <= n}] = prod_{i = n-k}^{n} q_i.
    let joint n k = if k > n then 0.0 else Seq.fold (fun acc i -> acc * q[i]) 1.0 (seq { n - k .. n })
    member _.MeanSize(n: int) = (m[n] - m[n - 1]) / (q[n] - q[n - 1])
    member _.MeanProfile(n: int) = Array.init n (fun k -> (joint n k - joint (n - 1) k) / (q[n] - q[n - 1]))

/// Exact random-walk excursion quantities for durations D = T - 1 up to dMax (odd D only). p[s][h] = probability that
/// a walk started at height 1 is at height h after s steps without having touched 0.
type RandomWalkExact(dMax: int) =
    let p =
        let p = Array.init dMax (fun _ -> Array.zeroCreate (dMax + 2))
        p[0][1] <- 1.0
        for s in 1 .. dMax - 1 do
            for h in 1 .. dMax do
                p[s][h] <- 0.5 * (p[s - 1][h - 1] + p[s - 1][h + 1])
            p[s][0] <- 0.0
        p
    /// E[|X_t| | T = D + 1], t = 1 .. D (length D): sum_h h p[t-1][h] p[D-t][h] / p[D-1][1].
    member _.MeanProfile(d: int) =
        Array.init d (fun i ->
            let t = i + 1
            let mutable s = 0.0
            for h in 1 .. d do s <- s + float h * p[t - 1][h] * p[d - t][h]
            s / p[d - 1][1])
    member this.MeanSize(d: int) = Array.sum (this.MeanProfile d)

let private branching = lazy (Branching.avalanches (Branching.Poisson 1.0) 200 100_000 21UL)
let private walks = lazy (RandomWalk.latticeExcursions 400 100_000 22UL)
let private gwExact = lazy (GaltonWatsonExact 2000)
let private rwExact = lazy (RandomWalkExact 401)
let private options = { ShapeCollapse.defaults with MinDuration = 10; MinCount = 50 }

let private uncensored (xs: Dip.Engine.Avalanches.Avalanche[]) = xs |> Array.filter (fun a -> not a.Censored)

[<Test>]
let ``exact oracles: small cases and the asymptotic prefactors`` () =
    let rw = rwExact.Force()
    Assert.That(rw.MeanSize 1, Is.EqualTo(1.0).Within(1e-12))
    Assert.That(rw.MeanSize 3, Is.EqualTo(4.0).Within(1e-12))
    Assert.That(rw.MeanSize 5, Is.EqualTo(8.0).Within(1e-12))
    // <S | T> ~ sqrt(pi/8) T^(3/2) with T = D + 1 (unit step variance); relative correction O(1/sqrt T).
    Assert.That(rw.MeanSize 399 / (sqrt (Math.PI / 8.0) * 400.0 ** 1.5), Is.EqualTo(1.0).Within(0.05))
    let gw = gwExact.Force()
    Assert.That(gw.MeanSize 1, Is.EqualTo(1.0).Within(1e-12))
    Assert.That(Array.sum (gw.MeanProfile 2), Is.EqualTo(gw.MeanSize 2).Within(1e-9))
    Assert.That(Array.sum (gw.MeanProfile 37), Is.EqualTo(gw.MeanSize 37).Within(1e-9 * gw.MeanSize 37))
    // The local slopes tend to gamma = 2 and 3/2.
    let localSlope (f: int -> float) a b = log (f b / f a) / log (float b / float a)
    Assert.That(localSlope gw.MeanSize 1000 2000, Is.EqualTo(2.0).Within(0.01))
    Assert.That(localSlope rw.MeanSize 199 399, Is.EqualTo(1.5).Within(0.03))

[<Test>]
let ``gamma_fit on simple random-walk excursions agrees with the exact finite-range value, which is near 3/2`` () =
    let rows = SizeByDuration.table 10 (uncensored (walks.Force()))
    let fit = SizeByDuration.fit 9 199 rows
    let rw = rwExact.Force()
    let exact =
        rows |> Array.map (fun r -> if r.Duration >= fit.DMin && r.Duration <= fit.DMax then { r with MeanSize = rw.MeanSize r.Duration } else r)
        |> SizeByDuration.fit fit.DMin fit.DMax
    TestContext.Out.WriteLine($"RW gamma_fit {fit.Gamma} se {fit.GammaSe} exact-range {exact.Gamma} [{fit.DMin},{fit.DMax}]")
    Assert.That(abs (fit.Gamma - exact.Gamma), Is.LessThan(5.0 * fit.GammaSe))
    Assert.That(exact.Gamma, Is.EqualTo(1.5).Within(0.05))

let private exactCollapse (profile: int -> float[]) (c: ShapeCollapse.CollapseResult) =
    c.Durations |> Array.map (fun d -> d, profile d) |> ShapeCollapse.collapseProfiles options

[<Test>]
let ``shape collapse of critical branching: gamma near the exact-profile value, and a parabola`` () =
    let c = ShapeCollapse.collapse options (branching.Force())
    let exact = exactCollapse (gwExact.Force()).MeanProfile c
    TestContext.Out.WriteLine($"GW collapse {c.Gamma} exact {exact.Gamma} parabola {c.ParabolaDistance} semicircle {c.SemicircleDistance}")
    // Spread over seeds 21-28 at this size: mean 1.8815, SD 0.0124 (exact-profile value 1.877); 5 SD = 0.062.
    Assert.That(abs (c.Gamma - exact.Gamma), Is.LessThan 0.062)
    Assert.That(exact.Gamma, Is.EqualTo(2.0).Within(0.2))
    Assert.That(c.Family, Is.EqualTo "parabola")
    Assert.That(exact.Family, Is.EqualTo "parabola")

[<Test>]
let ``shape collapse of simple random-walk excursions: gamma near the exact-profile value, and a semicircle`` () =
    let c = ShapeCollapse.collapse options (walks.Force())
    let exact = exactCollapse (rwExact.Force()).MeanProfile c
    TestContext.Out.WriteLine($"RW collapse {c.Gamma} exact {exact.Gamma} parabola {c.ParabolaDistance} semicircle {c.SemicircleDistance}")
    // Spread over seeds 21-28 at this size: mean 1.4846, SD 0.0052 (exact-profile value 1.484); 5 SD = 0.026.
    Assert.That(abs (c.Gamma - exact.Gamma), Is.LessThan 0.026)
    Assert.That(exact.Gamma, Is.EqualTo(1.5).Within(0.05))
    Assert.That(c.Family, Is.EqualTo "semicircle")
    Assert.That(exact.Family, Is.EqualTo "semicircle")

[<Test>]
let ``gamma_fit separates the two classes at these sample sizes`` () =
    let gw = SizeByDuration.fit 10 100 (SizeByDuration.table 10 (uncensored (branching.Force())))
    let rw = SizeByDuration.fit 9 199 (SizeByDuration.table 10 (uncensored (walks.Force())))
    Assert.That(gw.Gamma - rw.Gamma, Is.GreaterThan(0.2 + 5.0 * sqrt (gw.GammaSe ** 2.0 + rw.GammaSe ** 2.0)))

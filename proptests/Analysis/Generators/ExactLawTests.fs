/// More exact-law oracles (theory.md §7) for the generators, complementing GeneratorTests: conditional means given the
/// duration, binary offspring, censoring, reproducibility and the simple symmetric random walk. Frequency checks use a
/// 5-standard-error band of the binomial (or sample-mean) sampling law at a fixed seed.
module Dip.PropTests.Analysis.Generators.ExactLawTests

open System
open NUnit.Framework
open Dip.Analysis.Generators

let private logFactorial (n: int) = MathNet.Numerics.SpecialFunctions.FactorialLn n

/// q_n = P(D <= n) for Poisson(1) offspring: q_n = exp(q_(n-1) - 1), q_0 = 0; index n = 0 .. count.
let private qPoisson1 (count: int) = Array.scan (fun q _ -> exp (q - 1.0)) 0.0 [| 1 .. count |]

let private assertFrequency (label: string) (hits: int) (n: int) (p: float) =
    let se = sqrt (p * (1.0 - p) / float n)
    let f = float hits / float n
    Assert.That(abs (f - p), Is.LessThan(5.0 * se), $"{label}: frequency {f}, exact {p}, 5 SE = {5.0 * se}")

[<Test>]
let ``critical Poisson(1): E[S | D = n] matches the m_n recursion for small n`` () =
    let trees = Branching.avalanches (Branching.Poisson 1.0) 200 100_000 41UL
    let q = qPoisson1 10
    let m = Array.zeroCreate 11
    for k in 1 .. 10 do m[k] <- q[k] * (1.0 + m[k - 1])
    for d in 2 .. 10 do
        let sizes = trees |> Array.filter (fun a -> a.Duration = d && not a.Censored) |> Array.map (fun a -> a.Size)
        let exact = (m[d] - m[d - 1]) / (q[d] - q[d - 1])
        let mean = Array.average sizes
        let se = MathNet.Numerics.Statistics.Statistics.StandardDeviation sizes / sqrt (float sizes.Length)
        Assert.That(abs (mean - exact), Is.LessThan(5.0 * se), $"D={d}: mean {mean}, exact {exact}, se {se}")

[<Test>]
let ``critical binary offspring: P(S = 2k+1) = C_k / 2^(2k+1), sizes odd`` () =
    let trees = Branching.avalanches (Branching.Binary 0.5) 200 40_000 42UL
    for k in 0 .. 5 do
        let catalan = exp (logFactorial (2 * k) - logFactorial k - logFactorial (k + 1))
        let hits = trees |> Array.filter (fun a -> a.Size = float (2 * k + 1)) |> Array.length
        assertFrequency $"P(S={2 * k + 1})" hits trees.Length (catalan / 2.0 ** float (2 * k + 1))
    Assert.That(trees |> Array.forall (fun a -> a.Censored || int a.Size % 2 = 1), Is.True)

[<Test>]
let ``censoring: durations capped, censored exactly when alive at the cap, with probability 1 - q_G`` () =
    let trees = Branching.avalanches (Branching.Poisson 1.0) 20 5_000 43UL
    Assert.That(trees |> Array.forall (fun a -> a.Duration <= 20 && (not a.Censored || a.Duration = 20)), Is.True)
    Assert.That(trees |> Array.forall (fun a -> a.Profile.Length = a.Duration && abs (Array.sum a.Profile - a.Size) < 1e-9), Is.True)
    let q = qPoisson1 20
    assertFrequency "censored" (trees |> Array.filter (fun a -> a.Censored) |> Array.length) trees.Length (1.0 - q[20])

[<Test>]
let ``avalanche i depends on (seed, i) only`` () =
    let all = Branching.avalanches (Branching.Poisson 1.0) 100 300 44UL
    for i in [ 0; 7; 299 ] do
        Assert.That((Branching.avalanche (Branching.Poisson 1.0) 100 44UL (int64 i)).Profile, Is.EqualTo(box all[i].Profile))
    let walks = RandomWalk.latticeExcursions 100 300 44UL
    Assert.That((RandomWalk.latticeExcursion 100 44UL 123L).Profile, Is.EqualTo(box walks[123].Profile))
    let other = Branching.avalanches (Branching.Poisson 1.0) 100 300 45UL |> Array.map (fun a -> a.Size)
    Assert.That(other, Is.Not.EqualTo(box (all |> Array.map (fun a -> a.Size))))

[<Test>]
let ``simple symmetric excursions: P(T = 2n) = C(2n,n) / ((2n-1) 4^n), D = T - 1`` () =
    let walks = RandomWalk.latticeExcursions 5000 100_000 46UL
    for n in 1 .. 8 do
        let p = exp (logFactorial (2 * n) - 2.0 * logFactorial n - float n * log 4.0) / float (2 * n - 1)
        let hits = walks |> Array.filter (fun a -> a.Duration = 2 * n - 1) |> Array.length
        assertFrequency $"P(T={2 * n})" hits walks.Length p
    Assert.That(walks |> Array.forall (fun a -> a.Censored || (a.Duration % 2 = 1 && a.Profile[0] = 1.0 && a.Profile[a.Duration - 1] = 1.0)), Is.True)
    Assert.Throws<ArgumentException>(fun () -> RandomWalk.latticeExcursions 0 1 1UL |> ignore) |> ignore

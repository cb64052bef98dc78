/// Exact-law oracles (theory.md §7) for the Galton–Watson and random-walk generators. Every frequency check uses a
/// 5-standard-error band of the binomial (or sample-mean) sampling law at a fixed seed.
module Dip.PropTests.Analysis.Generators.GeneratorTests

open System
open NUnit.Framework
open Dip.Analysis.Generators
open Dip.Analysis.Generators.Branching

let private logFactorial (n: int) = MathNet.Numerics.SpecialFunctions.FactorialLn n

/// Borel law P(S = n) = e^-n n^(n-1) / n!.
let borel (n: int) = exp (-float n + float (n - 1) * log (float n) - logFactorial n)

/// q_n = P(D <= n) for Poisson(1): q_n = exp(q_{n-1} - 1), q_0 = 0; result index n = 0 .. count.
let qPoisson1 (count: int) = Array.scan (fun q _ -> exp (q - 1.0)) 0.0 [| 1 .. count |]

/// Asserts that the empirical frequency hits/n is within 5 binomial standard errors of p.
let assertFrequency (label: string) (hits: int) (n: int) (p: float) =
    let se = sqrt (p * (1.0 - p) / float n)
    let f = float hits / float n
    Assert.That(abs (f - p), Is.LessThan(5.0 * se), $"{label}: frequency {f}, exact {p}, 5 SE = {5.0 * se}")

[<Test>]
let ``Borel and q_n oracle formulas reproduce the theory table`` () =
    let table = [| 0.36787944; 0.13533528; 0.07468060; 0.04884170; 0.03509347; 0.02677052 |]
    for n in 1 .. 6 do Assert.That(borel n, Is.EqualTo(table[n - 1]).Within(1e-8))
    let q = qPoisson1 5
    Array.iteri (fun i v -> Assert.That(q[i + 1], Is.EqualTo(v: float).Within(1e-8))) [| 0.36787944; 0.53146361; 0.62591769; 0.68792029; 0.73192318 |]

let private critical = lazy (Branching.sample (Offspring.Poisson 1.0) (Some 2000) 11UL 100_000)

[<Test>]
let ``critical Poisson(1) sizes follow the Borel law`` () =
    let trees = critical.Force()
    for n in 1 .. 8 do
        let hits = trees |> Array.filter (fun a -> a.Size = float n) |> Array.length
        assertFrequency $"P(S={n})" hits trees.Length (borel n)

[<Test>]
let ``critical Poisson(1) durations follow q_n (chi-square over D = 1..30 and the tail)`` () =
    let trees = critical.Force()
    let q = qPoisson1 30
    let n = float trees.Length
    let cells = [| for d in 1 .. 30 -> q[d] - q[d - 1] |] |> Array.append <| [| 1.0 - q[30] |]
    let counts = Array.zeroCreate 31
    for a in trees do counts[min a.Duration 31 - 1] <- counts[min a.Duration 31 - 1] + 1
    let chi2 = Array.map2 (fun (c: int) p -> (float c - n * p) ** 2.0 / (n * p)) counts cells |> Array.sum
    let critical = MathNet.Numerics.Distributions.ChiSquared.InvCDF(30.0, 1.0 - 1e-5)
    Assert.That(chi2, Is.LessThan critical)

[<Test>]
let ``critical Poisson(1): E[S | D = n] matches the m_n recursion`` () =
    let trees = critical.Force()
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
let ``critical geometric(1/2): P(D > n) = 1/(n+1)`` () =
    let trees = Branching.sample (Offspring.Geometric 1.0) (Some 200) 12UL 40_000
    for n in 1 .. 12 do
        let hits = trees |> Array.filter (fun a -> a.Duration > n) |> Array.length
        assertFrequency $"P(D>{n})" hits trees.Length (1.0 / float (n + 1))

[<Test>]
let ``critical binary: P(S = 2k+1) = C_k / 2^(2k+1)`` () =
    let trees = Branching.sample (Offspring.Binary 1.0) (Some 200) 13UL 40_000
    for k in 0 .. 5 do
        let catalan = exp (logFactorial (2 * k) - logFactorial k - logFactorial (k + 1))
        let hits = trees |> Array.filter (fun a -> a.Size = float (2 * k + 1)) |> Array.length
        assertFrequency $"P(S={2 * k + 1})" hits trees.Length (catalan / 2.0 ** float (2 * k + 1))
    Assert.That(trees |> Array.forall (fun a -> a.Censored || int a.Size % 2 = 1), Is.True)

[<Test>]
let ``subcritical Poisson(0.5): E[S] = 1/(1-m) with Var S = m/(1-m)^3`` () =
    let trees = Branching.sample (Offspring.Poisson 0.5) None 14UL 40_000
    let mean = trees |> Array.averageBy (fun a -> a.Size)
    Assert.That(abs (mean - 2.0), Is.LessThan(5.0 * sqrt (4.0 / 40_000.0)))

[<Test>]
let ``Poisson sampler: mean and variance for small and large mu`` () =
    for mu in [ 0.3; 7.0; 12.5; 400.0 ] do
        let cursor = Dip.Engine.Random.RandomCursor(99UL, uint64 (mu * 10.0))
        let xs = Array.init 40_000 (fun _ -> float (Branching.poisson cursor mu))
        let mean = Array.average xs
        Assert.That(abs (mean - mu), Is.LessThan(5.0 * sqrt (mu / 40_000.0)), $"mu={mu} mean={mean}")
        // Var of the sample variance of a Poisson: (mu + 2 mu^2 (n/(n-1))) / n ~ (mu + 2 mu^2)/n.
        let var = MathNet.Numerics.Statistics.Statistics.Variance xs
        Assert.That(abs (var - mu), Is.LessThan(5.0 * sqrt ((mu + 2.0 * mu * mu) / 40_000.0)), $"mu={mu} var={var}")
    let cursor = Dip.Engine.Random.RandomCursor(99UL, 1UL)
    let hits = Array.init 40_000 (fun _ -> Branching.poisson cursor 12.5) |> Array.filter (fun k -> k = 12L) |> Array.length
    assertFrequency "Poisson(12.5) at 12" hits 40_000 (exp (-12.5 + 12.0 * log 12.5 - logFactorial 12))

[<Test>]
let ``censoring: no duration above the cap, censored exactly when the tree survived it`` () =
    let trees = Branching.sample (Offspring.Poisson 1.0) (Some 20) 15UL 5_000
    Assert.That(trees |> Array.forall (fun a -> a.Duration <= 20 && (not a.Censored || a.Duration = 20)), Is.True)
    Assert.That(trees |> Array.exists (fun a -> a.Censored), Is.True)
    Assert.That(trees |> Array.forall (fun a -> a.Profile.Length = a.Duration && abs (Array.sum a.Profile - a.Size) < 1e-9), Is.True)
    // P(D > 20) = 1 - q_20 exactly.
    let q = qPoisson1 20
    assertFrequency "censored" (trees |> Array.filter (fun a -> a.Censored) |> Array.length) trees.Length (1.0 - q[20])

[<Test>]
let ``results depend on (seed, index) only`` () =
    let all = Branching.sample (Offspring.Poisson 1.0) (Some 100) 16UL 300
    for i in [ 0; 7; 299 ] do
        let one = Branching.tree (Offspring.Poisson 1.0) (Some 100) 16UL (int64 i)
        Assert.That(one.Profile, Is.EqualTo(box all[i].Profile))
    let walks = RandomWalk.sample (Some 100) 16UL 300
    Assert.That((RandomWalk.excursion (Some 100) 16UL 123L).Profile, Is.EqualTo(box walks[123].Profile))
    Assert.That((Branching.sample (Offspring.Poisson 1.0) (Some 100) 17UL 300 |> Array.map (fun a -> a.Size)), Is.Not.EqualTo(box (all |> Array.map (fun a -> a.Size))))

[<Test>]
let ``random-walk excursions: P(T = 2n) = C(2n,n) / ((2n-1) 4^n)`` () =
    let walks = RandomWalk.sample (Some 5000) 18UL 100_000
    for n in 1 .. 8 do
        let p = exp (logFactorial (2 * n) - 2.0 * logFactorial n - float n * log 4.0) / float (2 * n - 1)
        let hits = walks |> Array.filter (fun a -> a.Duration = 2 * n - 1) |> Array.length
        assertFrequency $"P(T={2 * n})" hits walks.Length p
    Assert.That(walks |> Array.forall (fun a -> a.Censored || (a.Duration % 2 = 1 && a.Profile[0] = 1.0 && a.Profile[a.Duration - 1] = 1.0)), Is.True)

[<Test>]
let ``bad parameters raise ArgumentException`` () =
    Assert.Throws<ArgumentException>(fun () -> Branching.sample (Offspring.Poisson -1.0) None 1UL 1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Branching.sample (Offspring.Binary 2.5) None 1UL 1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Branching.sample (Offspring.Poisson 1.0) (Some 0) 1UL 1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Branching.sample (Offspring.Poisson 1.0) None 1UL -1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> RandomWalk.sample (Some 0) 1UL 1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> Branching.poisson (Dip.Engine.Random.RandomCursor(1UL, 1UL)) nan |> ignore) |> ignore

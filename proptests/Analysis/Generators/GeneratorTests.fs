/// Oracle generators against their exact laws (theory.md §7).
module Dip.PropTests.Analysis.Generators.GeneratorTests

open System
open NUnit.Framework
open Dip.Analysis.Generators

[<Test>]
let ``critical Poisson(1) Galton-Watson: Borel sizes and the q_n duration law`` () =
    let n = 40000
    let a = Branching.avalanches (Branching.Poisson 1.0) 100000 n 5UL
    let freq k = float (a |> Array.filter (fun x -> x.Size = float k) |> Array.length) / float n
    // Borel P(S = k) = e^-k k^(k-1)/k!, binomial standard error.
    for k, p in [ 1, 0.36787944; 2, 0.13533528; 3, 0.07468060; 4, 0.04884170 ] do
        Assert.That(abs (freq k - p), Is.LessThan(4.5 * sqrt (p * (1.0 - p) / float n)), $"P(S = {k})")
    // P(D <= m) = q_m with q_m = exp(q_(m-1) - 1).
    let q = Array.scan (fun q _ -> exp (q - 1.0)) 0.0 [| 1 .. 5 |]
    for m in 1 .. 5 do
        let observed = float (a |> Array.filter (fun x -> x.Duration <= m) |> Array.length) / float n
        Assert.That(abs (observed - q.[m]), Is.LessThan(4.5 * sqrt (q.[m] * (1.0 - q.[m]) / float n)), $"P(D <= {m})")

[<Test>]
let ``Poisson sampler has the right mean and variance for small and large means`` () =
    for lambda in [ 0.7; 4.0; 37.0; 900.0 ] do
        let c = Dip.Engine.Random.RandomCursor(Dip.Engine.Random.RandomStream.For(1UL, 0L, 0, Dip.Engine.Random.StreamRole.Generator))
        let xs = Array.init 40000 (fun _ -> float (Poisson.sample c lambda))
        let mean = Array.average xs
        let var = (xs |> Array.sumBy (fun x -> (x - mean) ** 2.0)) / float (xs.Length - 1)
        Assert.That(abs (mean - lambda), Is.LessThan(4.5 * sqrt (lambda / 40000.0)), $"mean at {lambda}")
        // Var of the sample variance of a Poisson: (mu4 - sigma^4)/n = (lambda + 2 lambda^2)/n.
        Assert.That(abs (var - lambda), Is.LessThan(4.5 * sqrt ((lambda + 2.0 * lambda * lambda) / 40000.0)), $"variance at {lambda}")

[<Test>]
let ``geometric(1/2) Galton-Watson: P(D > m) = 1/(m + 1)`` () =
    let n = 40000
    let a = Branching.avalanches (Branching.Geometric 0.5) 1000 n 6UL
    for m in [ 1; 2; 5; 10 ] do
        let observed = float (a |> Array.filter (fun x -> x.Duration > m) |> Array.length) / float n
        let p = 1.0 / float (m + 1)
        Assert.That(abs (observed - p), Is.LessThan(4.5 * sqrt (p * (1.0 - p) / float n)), $"P(D > {m})")

[<Test>]
let ``random-walk excursions: P(D >= m) = 2 C(2m, m) / 4^m (Sparre Andersen)`` () =
    let n = 40000
    let a = RandomWalk.excursions 1000 n 7UL
    for m in [ 1; 2; 3; 5; 10; 30 ] do
        let p = 2.0 * exp (MathNet.Numerics.SpecialFunctions.FactorialLn(2 * m) - 2.0 * MathNet.Numerics.SpecialFunctions.FactorialLn m) / 4.0 ** float m
        let observed = float (a |> Array.filter (fun x -> x.Duration >= m) |> Array.length) / float n
        Assert.That(abs (observed - p), Is.LessThan(4.5 * sqrt (p * (1.0 - p) / float n) + 1e-12), $"P(D >= {m})")

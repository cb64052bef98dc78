module Dip.PropTests.Analysis.PowerLaw.HurwitzZetaTests

open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open Dip.Analysis.Special

[<TestCase(2.0, 1.0, 1.6449340668482264)>]
[<TestCase(3.0, 1.0, 1.2020569031595942)>]
[<TestCase(2.0, 2.0, 0.6449340668482264)>]
[<TestCase(1.5, 1.0, 2.612375348685488)>]
[<TestCase(2.5, 1.0, 1.341487257250917)>]
let ``known values to 1e-14`` (s: float, a: float, expected: float) =
    Assert.That(HurwitzZeta.value s a, Is.EqualTo(expected).Within(1e-14 * expected))

let sAndA =
    gen {
        let! s = Gen.choose (105, 600) |> Gen.map (fun k -> float k / 100.0)
        let! a = Gen.choose (100, 1_000_000) |> Gen.map (fun k -> float k / 100.0)
        return s, a
    }
    |> Arb.fromGen

[<Property>]
let ``recurrence zeta(s, a) = a^-s + zeta(s, a + 1)`` () =
    Prop.forAll sAndA (fun (s, a) ->
        let lhs, rhs = HurwitzZeta.value s a, a ** (-s) + HurwitzZeta.value s (a + 1.0)
        abs (lhs - rhs) <= 1e-13 * abs lhs)

[<Property>]
let ``analytic derivatives agree with central differences`` () =
    Prop.forAll sAndA (fun (s, a) ->
        let h = 1e-5
        let struct (_, d1, d2) = HurwitzZeta.withDerivatives s a
        let struct (_, d1p, _) = HurwitzZeta.withDerivatives (s + h) a
        let struct (_, d1m, _) = HurwitzZeta.withDerivatives (s - h) a
        let fd1 = (HurwitzZeta.value (s + h) a - HurwitzZeta.value (s - h) a) / (2.0 * h)
        let fd2 = (d1p - d1m) / (2.0 * h)
        abs (d1 - fd1) <= 1e-6 * abs d1 + 1e-12 && abs (d2 - fd2) <= 1e-6 * abs d2 + 1e-12)

module Dip.PropTests.Analysis.Special.HurwitzZetaTests

open System
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open Dip.Analysis.Special

/// (s, a, expected, relative tolerance): theory.md §6.2 reference values.
let references : obj[] list =
    [ [| 2.0; 1.0; Math.PI * Math.PI / 6.0; 1e-14 |]
      [| 3.0; 1.0; 1.2020569031595942; 1e-14 |]
      [| 2.0; 2.0; 0.6449340668482264; 1e-14 |]
      [| 1.5; 1.0; 2.612375348685488; 1e-14 |]
      [| 2.5; 1.0; 1.341487257250917; 1e-14 |] ]

[<TestCaseSource(nameof references)>]
let ``zeta matches reference values`` (s: float, a: float, expected: float, tol: float) =
    Assert.That(HurwitzZeta.value s a, Is.EqualTo(expected).Within(tol * expected))

let private sa =
    gen {
        let! u = Gen.choose (0, 1_000_000)
        let! v = Gen.choose (0, 1_000_000)
        let s = 1.05 + (6.0 - 1.05) * float u / 1e6
        let a = Math.Pow(10.0, 4.0 * float v / 1e6)
        return s, a
    } |> Arb.fromGen

[<Property(Replay = "12345,67891", MaxTest = 200)>]
let ``recurrence zeta(s,a) = a^-s + zeta(s,a+1)`` () =
    Prop.forAll sa (fun (s, a) ->
        let lhs = HurwitzZeta.value s a
        let rhs = Math.Pow(a, -s) + HurwitzZeta.value s (a + 1.0)
        abs (lhs - rhs) <= 1e-13 * lhs)

[<Property(Replay = "24680,13579", MaxTest = 200)>]
let ``analytic derivatives agree with central differences`` () =
    Prop.forAll sa (fun (s, a) ->
        // Step on the scale of the function's variation (1/(s-1) near the pole, ln a for large a), Richardson-
        // extrapolated: truncation O((h/scale)^4) ~ 1e-12, round-off O(eps scale/h) ~ 1e-12 relative.
        let h = 1e-3 * min (s - 1.0) (1.0 / (1.0 + log a))
        let struct (z, z1, z2) = HurwitzZeta.withDerivatives s a
        let diffs h =
            let zp = HurwitzZeta.value (s + h) a
            let zm = HurwitzZeta.value (s - h) a
            (zp - zm) / (2.0 * h), (zp - 2.0 * z + zm) / (h * h)
        let d1h, d2h = diffs h
        let d1, d2 = diffs (h / 2.0)
        let fd1 = (4.0 * d1 - d1h) / 3.0
        let fd2 = (4.0 * d2 - d2h) / 3.0
        abs (fd1 - z1) <= 1e-8 * abs z1 && abs (fd2 - z2) <= 1e-6 * abs z2)

[<Test>]
let ``finite power sums agree with direct summation, including s <= 1`` () =
    for s in [ -1.5; 0.0; 0.5; 1.0; 1.0 + 1e-9; 1.7; 3.0 ] do
        for (a, b) in [ (1.0, 10.0); (3.0, 500.0); (7.0, 20_000.0) ] do
            let mutable direct = 0.0
            for k in int a .. int b do direct <- direct + Math.Pow(float k, -s)
            Assert.That(HurwitzZeta.powerSum s a b, Is.EqualTo(direct).Within(1e-12 * abs direct), $"s={s} a={a} b={b}")

[<Test>]
let ``infinite power sum is zeta`` () =
    Assert.That(HurwitzZeta.powerSum 2.0 1.0 Double.PositiveInfinity, Is.EqualTo(Math.PI * Math.PI / 6.0).Within(1e-14))

[<Test>]
let ``bad arguments throw naming the parameter`` () =
    Assert.That((fun () -> HurwitzZeta.value 1.0 1.0 |> ignore), Throws.ArgumentException.With.Property("ParamName").EqualTo("s"))
    Assert.That((fun () -> HurwitzZeta.value 2.0 0.0 |> ignore), Throws.ArgumentException.With.Property("ParamName").EqualTo("a"))
    Assert.That((fun () -> HurwitzZeta.powerSum 2.0 1.5 4.0 |> ignore), Throws.ArgumentException.With.Property("ParamName").EqualTo("a"))

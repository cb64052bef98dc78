module Dip.PropTests.Engine.Activations.TaylorTests

open System
open NUnit.Framework
open Dip.Engine.Activations

let sqrtPi = sqrt Math.PI

/// Closed-form Taylor coefficients a0..a7 (tanh: Bernoulli-number series; erf: 2/sqrt(pi) sum (-1)^n x^(2n+1)/(n!(2n+1))).
let known : obj[] list =
    [ [| "tanh"; [| 0.0; 1.0; 0.0; -1.0 / 3.0; 0.0; 2.0 / 15.0; 0.0; -17.0 / 315.0 |] |]
      [| "erf"; [| 0.0; 2.0 / sqrtPi; 0.0; -2.0 / (3.0 * sqrtPi); 0.0; 1.0 / (5.0 * sqrtPi); 0.0; -1.0 / (21.0 * sqrtPi) |] |]
      [| "linear"; [| 0.0; 1.0; 0.0; 0.0; 0.0; 0.0; 0.0; 0.0 |] |]
      [| "hardtanh"; [| 0.0; 1.0; 0.0; 0.0; 0.0; 0.0; 0.0; 0.0 |] |]
      [| "poly:0.5,1,-0.25,2"; [| 0.5; 1.0; -0.25; 2.0; 0.0; 0.0; 0.0; 0.0 |] |]
      // tanh(x + x^2): u = x + x^2, tanh u = u - u^3/3 + ..., so a = [0, 1, 1, -1/3, -1, ...]
      [| "tanh(poly:0,1,1)"; [| 0.0; 1.0; 1.0; -1.0 / 3.0; -1.0 |] |] ]

[<TestCaseSource(nameof known)>]
let ``Taylor coefficients match closed forms`` (spec: string, expected: float[]) =
    let actual = (Activation.Parse spec).TaylorCoefficients expected.Length
    for k in 0 .. expected.Length - 1 do
        Assert.That(actual[k], Is.EqualTo(expected[k]).Within(1e-13), sprintf "%s a%d" spec k)

[<TestCase("tanh", 0.3)>]
[<TestCase("erf", -0.7)>]
[<TestCase("tanh(poly:0.1,1,0.5)", 0.4)>]
[<TestCase("erf(poly:0,1.5,0,-0.2)", 1.1)>]
let ``first and second derivatives agree with central differences`` (spec: string, x: float) =
    let phi = Activation.Parse spec
    let h = 1e-4 // central-difference truncation error O(h^2 phi''') ~ 1e-8
    Assert.That(phi.Derivative x, Is.EqualTo((phi.Value(x + h) - phi.Value(x - h)) / (2.0 * h)).Within(1e-7))
    Assert.That(phi.SecondDerivative x, Is.EqualTo((phi.Derivative(x + h) - phi.Derivative(x - h)) / (2.0 * h)).Within(1e-7))
    let d = phi.DerivativesAt(x, 3)
    Assert.That(d[0], Is.EqualTo(phi.Value x).Within(1e-14))
    Assert.That(d[1], Is.EqualTo(phi.Derivative x).Within(1e-12))
    Assert.That(d[2], Is.EqualTo(phi.SecondDerivative x).Within(1e-12))

[<Test>]
let ``specifications round-trip through Parse`` () =
    for spec in [ "tanh"; "relu"; "erf"; "linear"; "hardtanh"; "poly:0,1,0,-0.3333"; "tanh(poly:0.1,1,0.5)" ] do
        Assert.That((Activation.Parse spec).Spec, Is.EqualTo spec)

[<TestCase("sigmoid")>]
[<TestCase("poly:1,abc")>]
[<TestCase("poly:")>]
[<TestCase("tanh(poly:1")>]
[<TestCase("")>]
let ``bad specifications are rejected with the bad part named`` (spec: string) =
    Assert.Throws<FormatException>(fun () -> Activation.Parse spec |> ignore) |> ignore

[<Test>]
let ``relu has no Taylor series`` () =
    Assert.That(Activation.Relu.HasTaylorSeries, Is.False)
    Assert.Throws<NotSupportedException>(fun () -> Activation.Relu.TaylorCoefficients 3 |> ignore) |> ignore

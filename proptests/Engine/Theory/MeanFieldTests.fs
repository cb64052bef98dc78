/// Mean-field oracles of theory.md §2: closed forms for ReLU and erf, the tanh critical point, quadrature moments.
module Dip.PropTests.Engine.Theory.MeanFieldTests

open System
open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Theory

let close (expected: float) (actual: float) (relative: float) =
    Assert.That(actual, Is.EqualTo(expected).Within(relative * max 1e-300 (abs expected)))

[<Test>]
let ``quadrature moments are exact to 1e-13, kinks included`` () =
    close 1.0 (GaussianExpectation.Of(fun z -> z * z)) 1e-13
    close 3.0 (GaussianExpectation.Of(fun z -> z ** 4.0)) 1e-13
    close 0.5 (GaussianExpectation.Of((fun z -> (max z 0.0) ** 2.0), [ 0.0 ])) 1e-13
    close 0.25 (GaussianExpectation.Of2((fun a b -> (if a > 0.0 then 1.0 else 0.0) * (if b > 0.0 then 1.0 else 0.0)), [ 0.0 ], (fun _ -> [ 0.0 ]))) 1e-13

[<Test>]
let ``relu: q* = sb2/(1 - sw2/2), chi1 = sw2/2, xi_q = -1/ln(sw2/2)`` () =
    let p = MeanField(Activation.Relu, 1.5, 0.1).Solve()
    close (0.1 / (1.0 - 0.75)) p.QStar 1e-9
    close 0.75 p.Chi1 1e-12
    close (-1.0 / log 0.75) p.XiQ 1e-9
    close 1.0 p.CStar 1e-9

[<Test>]
let ``relu covariance map is the arc-cosine kernel`` () =
    let mf = MeanField(Activation.Relu, 1.0, 0.0)
    for qa, qb, c in [ 1.3, 0.7, 0.4; 1.0, 1.0, -0.6; 2.0, 0.5, 0.95 ] do
        let theta = acos c
        let expected = sqrt (qa * qb) / (2.0 * Math.PI) * (sin theta + (Math.PI - theta) * cos theta)
        close expected (mf.CovarianceMap(qa, qb, c)) 1e-10

[<Test>]
let ``erf: length map, chi and covariance map in closed form; critical point pi/4`` () =
    let mf = MeanField(Activation.Erf, 1.7, 0.0)
    for q in [ 0.1; 1.0; 3.0 ] do
        close (1.7 * 2.0 / Math.PI * asin (2.0 * q / (1.0 + 2.0 * q))) (mf.LengthMap q) 1e-12
        close (1.7 * 4.0 / (Math.PI * sqrt (1.0 + 4.0 * q))) (mf.Chi q) 1e-12
    let qa, qb, c = 0.8, 1.4, 0.3
    let qab = c * sqrt (qa * qb)
    close (1.7 * 2.0 / Math.PI * asin (2.0 * qab / sqrt ((1.0 + 2.0 * qa) * (1.0 + 2.0 * qb)))) (mf.CovarianceMap(qa, qb, c)) 1e-12
    close (Math.PI / 4.0) (MeanField.CriticalSigmaW2(Activation.Erf, 0.0)) 1e-9

[<Test>]
let ``tanh: critical at sigma_w^2 = 1 without bias, above 1 with bias; ordered and chaotic phases`` () =
    // Without bias chi_1 - 1 ~ (sw2 - 1) below 1 but ~ 1.75 (sw2 - 1)^2 above (q* ~ (sw2 - 1)/2), so the root is a
    // tangency on one side and double precision resolves it to about sqrt(1e-16) = 1e-8.
    close 1.0 (MeanField.CriticalSigmaW2(Activation.Tanh, 0.0)) 1e-7
    let critical = MeanField.CriticalSigmaW2(Activation.Tanh, 0.05)
    Assert.That(critical, Is.GreaterThan 1.0)
    close 1.0 (MeanField(Activation.Tanh, critical, 0.05).Solve().Chi1) 1e-9
    let ordered = MeanField(Activation.Tanh, 0.8, 0.0).Solve()
    Assert.That(ordered.QStar, Is.EqualTo 0.0)
    close 0.8 ordered.Chi1 1e-12
    let chaotic = MeanField(Activation.Tanh, 2.0, 0.05).Solve()
    Assert.That(chaotic.Chi1, Is.GreaterThan 1.0)
    Assert.That(chaotic.CStar, Is.LessThan 1.0)
    // c* is a fixed point of the correlation map.
    let mf = MeanField(Activation.Tanh, 2.0, 0.05)
    close chaotic.CStar (mf.CovarianceMap(chaotic.QStar, chaotic.QStar, chaotic.CStar) / chaotic.QStar) 1e-10
    // xi_q from F'(q*) = exp(-1/xi_q), checked by a finite difference of the length map.
    let h = 1e-5 * chaotic.QStar
    let slope = (mf.LengthMap(chaotic.QStar + h) - mf.LengthMap(chaotic.QStar - h)) / (2.0 * h)
    close (-1.0 / log slope) chaotic.XiQ 1e-6

[<Test>]
let ``no finite fixed point is reported for relu above He initialisation with a bias`` () =
    Assert.Throws<NoFiniteFixedPointException>(fun () -> MeanField(Activation.Relu, 2.5, 0.1).Solve() |> ignore) |> ignore

[<TestCase(2.5, 0.1)>] // chaotic: c* < 1
[<TestCase(1.2, 0.1)>] // ordered: c* = 1
let ``xi_c is the convergence rate of the iterated correlation map near c*`` (sw2: float, sb2: float) =
    let field = MeanField(Activation.Tanh, sw2, sb2)
    let p = field.Solve()
    let next c = field.CovarianceMap(p.QStar, p.QStar, c) / p.QStar
    // Start a little off c*, iterate, and read the ratio of successive gaps: exp(-1/xi_c) in the linear regime.
    let gap0 = if p.CStar < 1.0 - 1e-9 then 1e-4 else -1e-5
    let c1 = p.CStar + gap0
    let c2 = next c1
    let c3 = next c2
    let ratio = (c3 - p.CStar) / (c2 - p.CStar)
    // The map is smooth at c* < 1 (error O(gap)); at c* = 1 it has a sqrt(1 - c) correction (error O(sqrt gap)).
    let tolerance = if p.CStar < 1.0 - 1e-9 then 1e-3 else 1e-2
    Assert.That(ratio, Is.EqualTo(exp (-1.0 / p.XiC)).Within(tolerance), $"c* = {p.CStar}, xi_c = {p.XiC}")

[<TestCase("tanh", 1.5, 0.05)>]
[<TestCase("tanh", 0.8, 0.2)>]
[<TestCase("erf", 2.0, 0.1)>]
let ``chi_h is dq*/dsigma_b^2 (finite difference of the fixed point)`` (activation: string, sw2: float, sb2: float) =
    let phi = Activation.Parse activation
    let qAt b = MeanField(phi, sw2, b).Solve().QStar
    let step = 1e-5
    let slope = (qAt (sb2 + step) - qAt (sb2 - step)) / (2.0 * step)
    let chiH = MeanField(phi, sw2, sb2).Solve().ChiH
    // central difference: error O(step^2 q'''), far below 1e-6 relative here
    Assert.That(slope, Is.EqualTo(chiH).Within(1e-6 * chiH))

[<Test>]
let ``relu chi_h is 1/(1 - sw2/2)`` () =
    let p = MeanField(Activation.Relu, 1.5, 0.1).Solve()
    Assert.That(p.ChiH, Is.EqualTo(1.0 / (1.0 - 0.75)).Within(1e-9))

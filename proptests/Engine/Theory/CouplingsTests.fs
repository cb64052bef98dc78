/// Couplings of theory.md §3.2: closed forms for tanh and erf, agreement with the exact chain's conditional mean and
/// variance at small q (by quadrature, and by direct sampling of Q' = sw2 (1/N) sum phi(sqrt(Q) z)^2 + sb2).
module Dip.PropTests.Engine.Theory.CouplingsTests

open System
open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Random
open Dip.Engine.Theory
open Dip.PropTests.Statistics

[<Test>]
let ``tanh and erf couplings in closed form`` () =
    let sw2, sb2 = 1.3, 0.02
    let t = Couplings.For(Activation.Tanh, sw2, sb2)
    Assert.That([ t.R; t.H; t.U; t.D1; t.D2 ], Is.EqualTo<float list>([ sw2 - 1.0; sb2; 2.0 * sw2; 0.0; 2.0 * sw2 * sw2 ]).Within(1e-12))
    let e = Couplings.For(Activation.Erf, sw2, 0.0)
    Assert.That([ e.R; e.U; e.D1; e.D2 ], Is.EqualTo<float list>([ 4.0 * sw2 / Math.PI - 1.0; 8.0 * sw2 / Math.PI; 0.0; 32.0 * sw2 * sw2 / (Math.PI * Math.PI) ]).Within(1e-12))
    Assert.That(t.PredictedClass, Is.EqualTo "free-BM")
    Assert.That((Couplings.For(DesignedActivations.PhiD1, 1.0, 0.0)).PredictedClass, Is.EqualTo "DP")
    Assert.That(AvalancheExponents.ForNoiseExponent 1.0, Is.EqualTo(AvalancheExponents(1.5, 2.0, 2.0)))
    Assert.That(AvalancheExponents.ForNoiseExponent 2.0, Is.EqualTo(AvalancheExponents(4.0 / 3.0, 1.5, 1.5)))

/// Conditional mean and N * variance of Q' given Q, by quadrature.
let exactMoments (phi: Activation) sw2 sb2 q =
    let m2 = GaussianExpectation.Of(fun z -> phi.Value(sqrt q * z) ** 2.0)
    let m4 = GaussianExpectation.Of(fun z -> phi.Value(sqrt q * z) ** 4.0)
    sw2 * m2 + sb2, sw2 * sw2 * (m4 - m2 * m2)

let activations : obj[][] = [| [| "tanh" |]; [| "phi-d1" |]; [| "erf" |]; [| "tanh(poly:0.1,1,0.3,0.2)" |] |]

[<TestCaseSource(nameof activations)>]
let ``couplings match the exact chain's conditional mean and variance to third order in q`` (spec: string) =
    let phi, sw2, sb2 = Activation.Parse spec, 1.1, 0.01
    let c = Couplings.For(phi, sw2, sb2)
    let errors q =
        let mean, nVar = exactMoments phi sw2 sb2 q
        abs (mean - (c.H + (1.0 + c.R) * q - c.U * q * q)), abs (nVar - (c.D1 * q + c.D2 * q * q))
    let (m1, v1), (m2, v2) = errors 0.02, errors 0.01
    // Halving q divides an O(q^3) remainder by about 8; allow 6 to 10 and tiny absolute values.
    for big, small in [ m1, m2; v1, v2 ] do
        Assert.That(small < 1e-13 || (big / small > 6.0 && big / small < 10.0), $"remainder ratio {big / small} ({big}, {small})")

[<Test>]
let ``sampled exact chain agrees with the coupling mean and variance at small q`` () =
    let phi, sw2, sb2, n, q = DesignedActivations.PhiD1, 1.0, 0.0, 64, 0.01
    let c = Couplings.For(phi, sw2, sb2)
    let cursor = RandomCursor(RandomStream.For(3UL, 0L, 0, StreamRole.Generator))
    let samples = Array.init 40000 (fun _ -> sw2 * (Seq.init n (fun _ -> phi.Value(sqrt q * cursor.NextNormal()) ** 2.0) |> Seq.sum) / float n + sb2)
    let mean, nVar = exactMoments phi sw2 sb2 q
    Assert.That(abs (Dip.PropTests.Statistics.mean samples - mean), Is.LessThan(4.5 * meanSe samples))
    Assert.That(abs (variance samples - nVar / float n), Is.LessThan(4.5 * varianceSe samples))
    // and the couplings are within their O(q^3) remainder of the exact moments (relative 5% at q = 0.01).
    Assert.That(abs (c.H + (1.0 + c.R) * q - c.U * q * q - mean) / mean, Is.LessThan 1e-4)
    Assert.That(abs (c.D1 * q + c.D2 * q * q - nVar) / nVar, Is.LessThan 0.05)

[<Test>]
let ``Landau statics of the reduced drift: q* solves the drift, and dq*/dh = 1/sqrt(r^2 + 4uh) against finite differences`` () =
    for r, h, u in [ 0.3, 0.0, 2.0; -0.2, 0.01, 1.5; 0.0, 0.05, 3.52; 0.76, 0.05, 3.52 ] do
        let c = Couplings(r, h, u, 0.0, 1.0)
        let q = c.DriftFixedPoint
        Assert.That(h + r * q - u * q * q, Is.EqualTo(0.0).Within(1e-14), $"drift at q* for (r, h, u) = ({r}, {h}, {u})")
        Assert.That(q, Is.GreaterThanOrEqualTo 0.0)
        let step = 1e-6
        let moved = Couplings(r, h + step, u, 0.0, 1.0).DriftFixedPoint
        Assert.That((moved - q) / step, Is.EqualTo(c.FieldSusceptibility).Within(1e-4 * c.FieldSusceptibility), $"chi_h at ({r}, {h}, {u})")
    // Static exponents: beta = 1 at h = 0 (q* = r/u), delta = 2 at r = 0 (q* = sqrt(h/u)), chi_h = 1/|r| at h = 0.
    Assert.That(Couplings(0.3, 0.0, 2.0, 0.0, 1.0).DriftFixedPoint, Is.EqualTo(0.15).Within(1e-15))
    Assert.That(Couplings(0.0, 0.08, 2.0, 0.0, 1.0).DriftFixedPoint, Is.EqualTo(0.2).Within(1e-15))
    Assert.That(Couplings(-0.25, 0.0, 2.0, 0.0, 1.0).FieldSusceptibility, Is.EqualTo(4.0).Within(1e-12))

[<Test>]
let ``the field dimension is 4hN/D1, zero without a field; phi-d1's network couplings have no absorbing state`` () =
    let c = Couplings.For(DesignedActivations.PhiD1, 1.0, 0.0)
    Assert.That(c.HasAbsorbingState, Is.False)
    Assert.That(c.FieldDimension 4096, Is.EqualTo(4.0 * c.H * 4096.0 / c.D1).Within(1e-9))
    Assert.That(c.FieldDimension 4096, Is.GreaterThan 1000.0, "far from the DP regime delta << 1")
    Assert.That(Couplings(0.0, 0.0, 1.0, 0.2, 0.5).FieldDimension 4096, Is.EqualTo 0.0)
    Assert.Throws<System.InvalidOperationException>(fun () -> Couplings(0.1, 0.0, -1.0, 0.0, 1.0).DriftFixedPoint |> ignore) |> ignore

/// Drift and noise variance of the reduced model at q: h + r q - u q^2 and D1 q + D2 q^2 (the 1/N left out).
let private driftAndVariance (c: Couplings) q = c.H + c.R * q - c.U * q * q, c.D1 * q + c.D2 * q * q

[<Test>]
let ``the rescaled form is the same model in x = u q: drift times u, noise variance times u^2`` () =
    for spec, sw2, sb2 in [ "tanh(poly:0.2,1)", 1.3, 0.05; "poly:0.1,1,-0.2,-0.3", 0.9, 0.0; "tanh", 1.0, 0.01 ] do
        let c = Couplings.For(Activation.Parse spec, sw2, sb2)
        let scaled = c.Rescaled()
        Assert.That(scaled.U, Is.EqualTo 1.0)
        for q in [ 1e-4; 0.01; 0.3; 2.0 ] do
            let drift, variance = driftAndVariance c q
            let drift', variance' = driftAndVariance scaled (c.U * q)
            Assert.That(drift', Is.EqualTo(c.U * drift).Within(1e-14 * (1.0 + abs drift')), $"{spec} drift at q = {q}")
            Assert.That(variance', Is.EqualTo(c.U * c.U * variance).Within(1e-14 * (1.0 + variance')), $"{spec} variance at q = {q}")
    Assert.Throws<InvalidOperationException>(fun () -> Couplings(0.1, 0.0, 0.0, 0.0, 1.0).Rescaled() |> ignore) |> ignore

[<Test>]
let ``the crossover D1/D2 is where the two noise terms are equal`` () =
    let c = Couplings.For(DesignedActivations.PhiD1, 1.0, 0.0)
    let x = c.Crossover
    Assert.That(c.D1 * x, Is.EqualTo(c.D2 * x * x).Within(1e-12 * c.D1 * x))
    Assert.That(c.D1 * (x / 2.0), Is.GreaterThan(c.D2 * (x / 2.0) ** 2.0), "D1 dominates below the crossover")
    Assert.That(Couplings(0.0, 0.0, 1.0, 0.3, 0.0).Crossover, Is.EqualTo Double.PositiveInfinity)

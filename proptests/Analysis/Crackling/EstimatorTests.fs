/// Deterministic and property tests of the crackling estimators on synthetic inputs with known answers.
module Dip.PropTests.Analysis.Crackling.EstimatorTests

open System
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open Dip.Engine.Avalanches
open Dip.Analysis.Crackling

let private group d n mean var : SizeDuration.DurationGroup = { Duration = d; Count = n; MeanSize = mean; SizeVariance = var }

[<Property(MaxTest = 50)>]
let ``WLS recovers gamma and prefactor exactly from noise-free means`` () =
    let gen =
        gen {
            let! g = Gen.choose (50, 300) |> Gen.map (fun k -> float k / 100.0)
            let! c = Gen.choose (1, 100) |> Gen.map (fun k -> float k / 10.0)
            let! counts = Gen.arrayOfLength 30 (Gen.choose (2, 500))
            return g, c, counts
        }
    Prop.forAll (Arb.fromGen gen) (fun (g, c, counts) ->
        let gs = Array.init 30 (fun i -> let d = i + 1 in group d counts[i] (c * float d ** g) (float d))
        let fit = SizeDuration.fitGroups 3 25 2 gs
        abs (fit.Gamma - g) < 1e-9 && abs (fit.LogPrefactor - log c) < 1e-9 && fit.DMin = 3 && fit.DMax = 25
        && fit.Points = 23 && fit.ChiSquare < 1e-12)

[<Test>]
let ``WLS standard error equals 1/sqrt(sum w (x - xbar)^2) for consistent data`` () =
    // Two-point-per-x free data on an exact line: chi^2 = 0, so the SE is the unscaled inverse-variance one.
    let gs = [| group 2 100 8.0 4.0; group 4 100 32.0 64.0; group 8 100 128.0 1024.0 |]
    let fit = SizeDuration.fitGroups 1 10 2 gs
    // All weights n mean^2 / var = 100 * 16 = 1600; x = ln 2 * (1, 2, 3): sum w (x - xbar)^2 = 1600 * 2 (ln 2)^2.
    Assert.That(fit.Gamma, Is.EqualTo(2.0).Within(1e-12))
    Assert.That(fit.StandardError, Is.EqualTo(1.0 / sqrt (3200.0 * log 2.0 ** 2.0)).Within(1e-12))

[<Test>]
let ``groups drop censored avalanches and compute counts, means and variances`` () =
    let a d s c = Avalanche(0L, 0, d, s, c)
    let gs = SizeDuration.groups [ a 2 3.0 false; a 2 5.0 false; a 2 100.0 true; a 3 7.0 false ]
    Assert.That(gs.Length, Is.EqualTo 2)
    Assert.That((gs[0].Duration, gs[0].Count, gs[0].MeanSize, gs[0].SizeVariance), Is.EqualTo((2, 2, 4.0, 2.0)))
    Assert.That((gs[1].Duration, gs[1].Count, gs[1].SizeVariance), Is.EqualTo((3, 1, 0.0)))

[<Test>]
let ``fit bad input raises ArgumentException`` () =
    let gs = Array.init 10 (fun i -> group (i + 1) 10 (float (i + 1)) 1.0)
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.fitGroups 0 5 2 gs |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.fitGroups 5 4 2 gs |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.fitGroups 1 5 1 gs |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.fitGroups 1 2 2 gs |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.fitGroups 1 10 11 gs |> ignore) |> ignore

[<Test>]
let ``predicted gamma: reference classes and first-order error propagation`` () =
    let g, se = SizeDuration.predictedGamma (1.5, 0.0) (2.0, 0.0)
    Assert.That((g, se), Is.EqualTo((2.0, 0.0)))
    Assert.That(fst (SizeDuration.predictedGamma (4.0 / 3.0, 0.01) (1.5, 0.01)), Is.EqualTo(1.5).Within(1e-12))
    // Compare with central finite differences of (tau_d - 1)/(tau_s - 1).
    let ts, td, ss, sd = 1.45, 1.9, 0.02, 0.03
    let f a b = (b - 1.0) / (a - 1.0)
    let h = 1e-6
    let ds = (f (ts + h) td - f (ts - h) td) / (2.0 * h)
    let dd = (f ts (td + h) - f ts (td - h)) / (2.0 * h)
    let _, se = SizeDuration.predictedGamma (ts, ss) (td, sd)
    Assert.That(se, Is.EqualTo(sqrt ((ds * ss) ** 2.0 + (dd * sd) ** 2.0)).Within(1e-7))
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.predictedGamma (1.0, 0.1) (2.0, 0.1) |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.predictedGamma (1.5, -0.1) (2.0, 0.1) |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeDuration.predictedGamma (1.5, 0.1) (nan, 0.1) |> ignore) |> ignore

[<Test>]
let ``interpolation follows the time convention (knots at (k+1/2)/D, zero at both ends)`` () =
    let f = ShapeCollapse.interpolate [| 2.0; 4.0 |]
    let at u = f[int (Math.Round(u * float (ShapeCollapse.GridSize - 1)))]
    Assert.That(f[0], Is.EqualTo 0.0)
    Assert.That(f[ShapeCollapse.GridSize - 1], Is.EqualTo 0.0)
    // Knots at u = 1/4 (value 2) and 3/4 (value 4); grid points nearest to them are within 1/1998 of the knot.
    Assert.That(at 0.25, Is.EqualTo(2.0).Within(4.0 * 2.0 / 999.0))
    Assert.That(at 0.75, Is.EqualTo(4.0).Within(4.0 * 4.0 / 999.0))
    Assert.That(at 0.5, Is.EqualTo(3.0).Within(4.0 / 999.0))
    Assert.That(ShapeCollapse.interpolate [| 5.0 |] |> Array.max, Is.EqualTo(5.0).Within(0.02))

let private synthetic (g: float) (shape: float -> float) =
    [| for d in 12 .. 8 .. 92 -> d, 50, Array.init d (fun k -> float d ** (g - 1.0) * shape ((float k + 0.5) / float d)) |]

[<Test>]
let ``collapse recovers the exponent and family of exactly scaled profiles`` () =
    for g in [ 1.2; 1.5; 2.0; 2.7 ] do
        let p = ShapeCollapse.collapseMeans (synthetic g (fun u -> u * (1.0 - u)))
        let s = ShapeCollapse.collapseMeans (synthetic g (fun u -> sqrt (u * (1.0 - u))))
        // Linear interpolation of a sampled curve is not exactly scale-free across D; the bias is O(1/D^2) for the
        // parabola and O(1/D^1.5) for the semicircle's square-root edges; 0.01 covers both at D >= 12.
        Assert.That(p.Gamma, Is.EqualTo(g).Within(0.01), $"parabola g={g}")
        Assert.That(s.Gamma, Is.EqualTo(g).Within(0.01), $"semicircle g={g}")
        Assert.That(p.Family, Is.EqualTo "parabola")
        Assert.That(s.Family, Is.EqualTo "semicircle")
        Assert.That(p.ParabolaResidual, Is.LessThan 0.02)
        Assert.That(s.SemicircleResidual, Is.LessThan 0.05)
        Assert.That(p.Shape.Length, Is.EqualTo ShapeCollapse.GridSize)

[<Test>]
let ``templates have unit integral and the collapse error is scale free`` () =
    let trap (f: float[]) = (Array.sum f - 0.5 * (f[0] + f[f.Length - 1])) / float (f.Length - 1)
    Assert.That(trap ShapeCollapse.parabola, Is.EqualTo(1.0).Within(1e-12))
    Assert.That(trap ShapeCollapse.semicircle, Is.EqualTo(1.0).Within(1e-12))
    let curves = synthetic 1.7 (fun u -> u * (1.0 - u)) |> Array.map (fun (d, _, p) -> d, ShapeCollapse.interpolate p)
    let scaled = curves |> Array.map (fun (d, f) -> d, f |> Array.map ((*) 37.0))
    Assert.That(ShapeCollapse.error scaled 1.3, Is.EqualTo(ShapeCollapse.error curves 1.3).Within(1e-12))

[<Test>]
let ``collapse bad input raises ArgumentException`` () =
    let a d p = Avalanche(3L, 1, d, Array.sum p, false, p)
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapse 1 0 [ a 2 [| 1.0 |] ] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapse 1 0 [ Avalanche(0L, 0, 2, 1.0, false) ] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapse 1 0 [ a 2 [| 1.0; 1.0 |] ] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapse 0 0 [ a 2 [| 1.0; 1.0 |] ] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapseMeans [| 2, 1, [| 1.0 |]; 3, 1, [| 1.0; 1.0; 1.0 |] |] |> ignore) |> ignore

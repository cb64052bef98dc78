/// Deterministic and property tests of the crackling estimators (SizeByDuration, ShapeCollapse) on synthetic inputs
/// with known answers.
module Dip.PropTests.Analysis.Crackling.EstimatorTests

open System
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open Dip.Engine.Avalanches
open Dip.Analysis.Crackling

let private row d n mean var : SizeByDuration.DurationRow = { Duration = d; Count = n; MeanSize = mean; SizeVariance = var }

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
        let rows = Array.init 30 (fun i -> let d = i + 1 in row d counts[i] (c * float d ** g) (float d))
        let fit = SizeByDuration.fit 3 25 rows
        abs (fit.Gamma - g) < 1e-9 && abs (fit.Intercept - log c) < 1e-9 && fit.DMin = 3 && fit.DMax = 25 && fit.Points = 23)

[<Test>]
let ``WLS standard error equals 1/sqrt(sum w (x - xbar)^2) for data on the line`` () =
    let rows = [| row 2 100 8.0 4.0; row 4 100 32.0 64.0; row 8 100 128.0 1024.0 |]
    let fit = SizeByDuration.fit 1 10 rows
    // All weights n mean^2 / var = 1600; x = ln 2 * (1, 2, 3): sum w (x - xbar)^2 = 1600 * 2 (ln 2)^2; chi^2 = 0.
    Assert.That(fit.Gamma, Is.EqualTo(2.0).Within(1e-12))
    Assert.That(fit.GammaSe, Is.EqualTo(1.0 / sqrt (3200.0 * log 2.0 ** 2.0)).Within(1e-12))

[<Test>]
let ``table computes counts, means and sample variances and applies the minimum count`` () =
    let a d s = Avalanche(0L, 0, d, s, false)
    let rows = SizeByDuration.table 2 [ a 2 3.0; a 2 5.0; a 3 7.0; a 4 1.0; a 4 2.0; a 4 6.0 ]
    Assert.That(rows |> Array.map (fun r -> r.Duration, r.Count, r.MeanSize, r.SizeVariance), Is.EqualTo(box [| 2, 2, 4.0, 2.0; 4, 3, 3.0, 7.0 |]))
    Assert.Throws<ArgumentException>(fun () -> SizeByDuration.fit 2 4 rows |> ignore) |> ignore

[<Test>]
let ``predicted gamma: reference classes and first-order error propagation`` () =
    Assert.That(SizeByDuration.predicted 1.5 0.0 2.0 0.0, Is.EqualTo((2.0, 0.0)))
    Assert.That(fst (SizeByDuration.predicted (4.0 / 3.0) 0.01 1.5 0.01), Is.EqualTo(1.5).Within(1e-12))
    let ts, td, ss, sd = 1.45, 1.9, 0.02, 0.03
    let f a b = (b - 1.0) / (a - 1.0)
    let h = 1e-6
    let ds = (f (ts + h) td - f (ts - h) td) / (2.0 * h)
    let dd = (f ts (td + h) - f ts (td - h)) / (2.0 * h)
    Assert.That(snd (SizeByDuration.predicted ts ss td sd), Is.EqualTo(sqrt ((ds * ss) ** 2.0 + (dd * sd) ** 2.0)).Within(1e-7))
    Assert.Throws<ArgumentException>(fun () -> SizeByDuration.predicted 1.0 0.1 2.0 0.1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeByDuration.predicted 1.5 -0.1 2.0 0.1 |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> SizeByDuration.predicted 1.5 0.1 nan 0.1 |> ignore) |> ignore

let private grid = Array.init 1000 (fun j -> float j / 999.0)

[<Test>]
let ``interpolation follows the time convention (knots at (k+1/2)/D, zero at both ends)`` () =
    let f = ShapeCollapse.interpolate [| 2.0; 4.0 |] grid
    let at u = f[int (Math.Round(u * 999.0))]
    Assert.That(f[0], Is.EqualTo 0.0)
    Assert.That(f[999], Is.EqualTo 0.0)
    // Knots at u = 1/4 (value 2) and 3/4 (value 4); the nearest grid points are within 1/1998 of them and the slopes
    // are at most 8, so the interpolated values differ by less than 8/999.
    Assert.That(at 0.25, Is.EqualTo(2.0).Within(8.0 / 999.0))
    Assert.That(at 0.75, Is.EqualTo(4.0).Within(8.0 / 999.0))
    Assert.That(at 0.5, Is.EqualTo(3.0).Within(8.0 / 999.0))

let private synthetic (g: float) (shape: float -> float) =
    [| for d in 12 .. 8 .. 92 -> d, Array.init d (fun k -> float d ** (g - 1.0) * shape ((float k + 0.5) / float d)) |]

[<Test>]
let ``collapse recovers the exponent and family of exactly scaled profiles`` () =
    for g in [ 1.2; 1.5; 2.0; 2.7 ] do
        let p = ShapeCollapse.collapseProfiles ShapeCollapse.defaults (synthetic g (fun u -> u * (1.0 - u)))
        let s = ShapeCollapse.collapseProfiles ShapeCollapse.defaults (synthetic g (fun u -> sqrt (u * (1.0 - u))))
        // Linear interpolation of a sampled curve is not exactly scale free across D (the error is largest at the
        // square-root edges of the semicircle); 0.01 covers it for D >= 12 (measured: <= 0.004).
        Assert.That(p.Gamma, Is.EqualTo(g).Within(0.01), $"parabola g={g}")
        Assert.That(s.Gamma, Is.EqualTo(g).Within(0.01), $"semicircle g={g}")
        Assert.That(p.Family, Is.EqualTo "parabola")
        Assert.That(s.Family, Is.EqualTo "semicircle")
        Assert.That(p.ParabolaDistance, Is.LessThan(0.2 * p.SemicircleDistance))
        Assert.That(s.SemicircleDistance, Is.LessThan(0.3 * s.ParabolaDistance))

[<Test>]
let ``the collapse error is invariant under a common rescaling of the profiles`` () =
    let curves = synthetic 1.7 (fun u -> u * (1.0 - u)) |> Array.map (fun (d, p) -> d, ShapeCollapse.interpolate p grid)
    let scaled = curves |> Array.map (fun (d, f) -> d, f |> Array.map ((*) 37.0))
    Assert.That(ShapeCollapse.collapseError scaled 1.3, Is.EqualTo(ShapeCollapse.collapseError curves 1.3).Within(1e-12))

[<Test>]
let ``collapse bad input raises ArgumentException`` () =
    let a d p = Avalanche(3L, 1, d, Array.sum p, false, p)
    let options = { ShapeCollapse.defaults with MinDuration = 0; MinCount = 1 }
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapse options [ a 2 [| 1.0; 1.0 |] ] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> ShapeCollapse.collapseProfiles options [| 2, [| 1.0 |]; 3, [| 1.0; 1.0; 1.0 |] |] |> ignore) |> ignore

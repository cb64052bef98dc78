/// The mean-field Widom line (theory.md §5): the maximum of chi_h = 1/(1 - F'(q*)) over sigma_w^2 at fixed sigma_b^2.
module Dip.PropTests.Engine.Theory.WidomLineTests

open System
open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Theory

let private chiH (phi: Activation) sw2 sb2 = MeanField(phi, sw2, sb2).Solve().ChiH

[<TestCase("tanh", 0.05)>]
[<TestCase("erf", 0.1)>]
[<TestCase("tanh(poly:0.2,1)", 0.05)>]
let ``the Widom point is the largest chi_h over sigma_w^2, on a dense grid and next to it`` (spec: string, sb2: float) =
    let phi = Activation.Parse spec
    let w = WidomLine.At(phi, sb2)
    Assert.That(w.Point.ChiH, Is.EqualTo(chiH phi w.SigmaW2 sb2), "the point is Solve() at the Widom sigma_w^2")
    for factor in [ 0.999; 1.001 ] do
        Assert.That(chiH phi (w.SigmaW2 * factor) sb2, Is.LessThan w.Point.ChiH, $"sigma_w^2 x {factor}")
    // brute force: 201 points over +-20 % of the peak; the best grid point is within one spacing of it
    let grid = Array.init 201 (fun k -> w.SigmaW2 * (0.8 + 0.4 * float k / 200.0))
    let best = grid |> Array.maxBy (fun sw2 -> chiH phi sw2 sb2)
    Assert.That(best, Is.EqualTo(w.SigmaW2).Within(0.002 * w.SigmaW2))

[<Test>]
let ``for tanh the Widom point lies inside the ordered phase, below the order-chaos line`` () =
    for sb2 in [ 0.2; 0.05; 0.0125 ] do
        let w = WidomLine.At(Activation.Tanh, sb2)
        Assert.That(w.Point.Chi1, Is.LessThan 1.0, $"chi_1 at sigma_b^2 = {sb2}")
        Assert.That(w.SigmaW2, Is.LessThan(MeanField.CriticalSigmaW2(Activation.Tanh, sb2)), $"sigma_b^2 = {sb2}")

[<Test>]
let ``as sigma_b^2 -> 0 the tanh Widom point approaches the Landau limit: sigma_w^2 -> 1, chi_h sqrt(4 u sigma_b^2) -> 1`` () =
    // Landau (theory.md §3.3, u = 2 for tanh at sigma_w^2 = 1): chi_h,max = (4 u h)^(-1/2) at r = 0, with corrections
    // of relative order sqrt(h); the peak's offset sigma_w^2 - 1 vanishes like h. With h divided by 4 at each step,
    // the gaps to the limits must shrink by factors tending to 2 and 4.
    let u = Couplings.For(Activation.Tanh, 1.0, 0.0).U
    Assert.That(u, Is.EqualTo 2.0)
    let points = [ 0.0125; 0.003125; 0.00078125 ] |> List.map (fun sb2 -> sb2, WidomLine.At(Activation.Tanh, sb2))
    let heightGaps = points |> List.map (fun (sb2, w) -> w.Point.ChiH * sqrt (4.0 * u * sb2) - 1.0)
    let offsets = points |> List.map (fun (_, w) -> w.SigmaW2 - 1.0)
    for gaps, limit, name in [ heightGaps, 2.0, "chi_h sqrt(4 u h) - 1"; offsets, 4.0, "sigma_w^2 - 1" ] do
        Assert.That(gaps |> List.forall (fun g -> g > 0.0), $"{name}: {gaps}")
        let ratios = gaps |> List.pairwise |> List.map (fun (a, b) -> a / b)
        Assert.That(abs (ratios[1] - limit), Is.LessThan(abs (ratios[0] - limit)), $"{name}: ratios {ratios} approach {limit}")
        Assert.That(ratios[1], Is.EqualTo(limit).Within(0.05 * limit), $"{name}: ratios {ratios}")

[<Test>]
let ``no Widom point without a field or without an interior maximum`` () =
    let e = Assert.Throws<ArgumentException>(fun () -> WidomLine.At(Activation.Tanh, 0.0) |> ignore)
    Assert.That(e.Message, Does.Contain "got 0")
    let relu = Assert.Throws<ArgumentException>(fun () -> WidomLine.At(Activation.Relu, 0.1) |> ignore)
    Assert.That(relu.Message, Does.Contain "no interior maximum")

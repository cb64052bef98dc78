/// The fused exact path (chunked, nothing of length N stored) against the array-based layer loop it replaced, on the
/// same streams; and the precision rule of PairTrajectory for perturbations of either sign.
module Dip.PropTests.Engine.Simulation.FusedExactPathTests

open System
open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Simulation

let private observables = [| Observable.Distance; Observable.Length; Observable.DistancePhi; Observable.ActiveCount |]

let cases : obj[][] =
    [| [| "tanh"; 300; 1.5; 0.1; 0.1; false |]
       [| "tanh"; 1000; 1.0; 0.0; 1e-7; false |]      // every |delta| below the midpoint threshold
       [| "relu"; 517; 2.0; 0.0; 0.3; true |]
       [| "erf"; 256; 0.9; 0.05; 1e-4; false |]       // both branches of the Delta phi rule in most chunks
       [| "tanh(poly:0.3,1,0.2)"; 64; 1.2; 0.0; 0.1; true |] |]

/// Both loops draw the same normals and apply the same formulas; they differ only in the order of the N-term sums and
/// in one fused multiply-add, i.e. relative differences of order N eps ~ 1e-13 per layer, carried through a map whose
/// derivative is O(1) per layer. 1e-9 relative leaves four orders of margin over 12 layers; counts may move by one
/// when a |delta_i| lies within rounding of the threshold.
[<TestCaseSource(nameof cases)>]
let ``fused and array-based exact paths agree`` (activation: string, n: int, sw2: float, sb2: float, epsilon: float, doubleNormals: bool) =
    let depth = 12
    let spec =
        SimulationSpec(NetworkSpec(n, depth, sw2, sb2, Activation.Parse activation),
                       Input = InputSpec(1.0, epsilon), Observables = observables, Trials = 6L, Seed = 77UL)
    let fused = ExactPath(spec, DoubleNormals = doubleNormals)
    let plain = ExactPath(spec, DoubleNormals = doubleNormals, Fused = false)
    let stride = depth + 1
    for trial in 0L .. 5L do
        let a, b = Array.zeroCreate (4 * stride), Array.zeroCreate (4 * stride)
        Assert.That(fused.Run(trial, Span a), Is.EqualTo(plain.Run(trial, Span b)))
        for o in 0 .. 3 do
            for l in 0 .. depth do
                let x, y = a[o * stride + l], b[o * stride + l]
                let allowed = if observables[o] = Observable.ActiveCount then 1.0 else 1e-9 * abs y + 1e-300
                if not (abs (x - y) <= allowed) then
                    Assert.Fail(sprintf "trial %d %A layer %d: fused %.17g vs array-based %.17g" trial observables[o] l x y)

[<Test>]
let ``the length-only exact path agrees with the array-based loop`` () =
    let spec = SimulationSpec(NetworkSpec(333, 9, 1.7, 0.2, Activation.Tanh), Observables = [| Observable.Length |], Trials = 3L)
    let a, b = Array.zeroCreate 10, Array.zeroCreate 10
    for trial in 0L .. 2L do
        ExactPath(spec).Run(trial, Span a) |> ignore
        ExactPath(spec, Fused = false).Run(trial, Span b) |> ignore
        for l in 0 .. 9 do Assert.That(a[l], Is.EqualTo(b[l]).Within(1e-12 * b[l]))

/// Regression: the rule once read the signed result of MaxMagnitude, so a perturbation whose largest entry was negative
/// skipped the difference branch and left Delta phi at zero (the distance then collapsed to 0 after the input layer).
[<Test>]
let ``Delta phi is phi(h + delta) - phi(h) when the largest perturbation is negative`` () =
    let n = 16
    let t = PairTrajectory(n, true)
    for i in 0 .. n - 1 do
        t.H[i] <- 0.1 * float i - 0.7
        t.Delta[i] <- if i = 3 then -0.4 else 2e-5 * float (i + 1)
    t.Activate Activation.Tanh
    for i in 0 .. n - 1 do
        let expected = tanh (t.H[i] + t.Delta[i]) - tanh t.H[i]
        Assert.That(t.DeltaPhi[i], Is.EqualTo(expected).Within(1e-15), $"unit {i}")

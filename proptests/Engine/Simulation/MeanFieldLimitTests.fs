/// The mean-field limit (theory.md §2, §7): averaged over many networks, the length q^l of tanh networks approaches the
/// mean-field fixed point q* as the width grows, with a finite-width bias that shrinks like 1/N.
module Dip.PropTests.Engine.Simulation.MeanFieldLimitTests

open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Simulation
open Dip.Engine.Theory
open Dip.PropTests.SimulationRuns

/// Mean over trials of q at the last layer, and its standard error.
let private lastLength (n: int) (trials: int64) (seed: uint64) =
    let depth = 20
    let rows = activity 0 (spec SimulationMode.Exact "tanh" n depth 1.5 0.05 [ Observable.Length ] trials seed)
    let values = rows |> Array.map (fun r -> r.[depth])
    let mean = Array.average values
    let sd = sqrt (values |> Array.averageBy (fun v -> (v - mean) ** 2.0))
    mean, sd / sqrt (float values.Length)

[<Test>]
let ``tanh: the mean length approaches the mean-field q* as N grows, its bias shrinking like 1/N`` () =
    let qStar = MeanField(Activation.Tanh, 1.5, 0.05).FixedPointLength()
    let small, smallSe = lastLength 16 4000L 41UL
    let large, largeSe = lastLength 512 2000L 42UL
    let smallBias, largeBias = small - qStar, large - qStar
    // A 1/N bias is 32 times smaller at N = 512 than at N = 16; allow a factor 4 (so a bias that does not shrink fails)
    // plus four combined standard errors.
    Assert.That(abs largeBias, Is.LessThan(abs smallBias / 4.0 + 4.0 * (largeSe + smallSe / 4.0)),
                $"q* = {qStar}: bias {smallBias} at N = 16, {largeBias} at N = 512")
    Assert.That(abs largeBias, Is.LessThan(0.01 * qStar + 4.0 * largeSe), $"q* = {qStar}, mean {large} at N = 512")

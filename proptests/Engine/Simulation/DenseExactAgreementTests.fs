/// The exact conditional-Gaussian path and the dense path are equal in law (theory.md §3.1, §7): two-sample KS tests on
/// the length and the distance at several layers, for several activations and variances.
module Dip.PropTests.Engine.Simulation.DenseExactAgreementTests

open NUnit.Framework
open Dip.Engine.Simulation
open Dip.PropTests.Statistics
open Dip.PropTests.SimulationRuns

let cases : obj[][] =
    [| [| "tanh"; 1.5; 0.1 |]
       [| "relu"; 2.0; 0.0 |]
       [| "erf"; 0.9; 0.05 |]
       [| "tanh(poly:0.3,1,0.2)"; 1.2; 0.0 |] |]

[<TestCaseSource(nameof cases)>]
let ``dense and exact agree in law on length and distance`` (activation: string, sw2: float, sb2: float) =
    let n, depth, trials = 24, 12, 400
    let observables = [ Observable.Length; Observable.Distance ]
    let run mode seed = activity 0 (spec mode activation n depth sw2 sb2 observables trials seed)
    let exact, dense = run SimulationMode.Exact 21UL, run SimulationMode.Dense 22UL
    let stride = depth + 1
    // Bonferroni over the 2 observables x 3 layers at overall level 1e-3.
    let critical = ksCritical (1e-3 / 6.0) trials trials
    for o in 0 .. 1 do
        for l in [ 1; 4; depth ] do
            let pick (rows: float[][]) = rows |> Array.map (fun r -> r.[o * stride + l])
            let d = ksStatistic (pick exact) (pick dense)
            Assert.That(d, Is.LessThan critical, $"observable {observables.[o]} layer {l}: KS {d}")

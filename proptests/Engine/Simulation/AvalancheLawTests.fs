/// Avalanche statistics agree between simulation paths that are equal in law (theory.md §3.1) or close in law at large N
/// (§3.2): seeded avalanches of the distance (exact against dense) and of the length (exact against the Langevin model),
/// compared by two-sample KS on durations and sizes.
module Dip.PropTests.Engine.Simulation.AvalancheLawTests

open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Avalanches
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.PropTests.Statistics
open Dip.PropTests.SimulationRuns

/// Seeded avalanches (threshold theta) of every trial's first observable.
let private avalanches (spec: SimulationSpec) (theta: float) =
    let extractor = AvalancheExtractor(LayerThresholds.Constant theta, AvalancheMode.Seeded)
    let found = ResizeArray<Avalanche>()
    let stride = spec.Network.Depth + 1
    activity 0 spec |> Array.iteri (fun t row -> extractor.Extract(int64 t, 0, System.ReadOnlySpan(row, 0, stride), System.Action<_>(found.Add)))
    found.ToArray()

let private compare (a: Avalanche[]) (b: Avalanche[]) (label: string) =
    // The comparison must have something to compare: spread durations, few censored.
    for x in [ a; b ] do
        Assert.That(x |> Array.distinctBy (fun v -> v.Duration) |> Array.length, Is.GreaterThan 10, $"{label}: distinct durations")
        Assert.That(x |> Array.filter (fun v -> v.Censored) |> Array.length, Is.LessThan(x.Length / 4), $"{label}: censored")
    // Bonferroni over durations and sizes at overall level 1e-3; KS is conservative for the discrete durations.
    let critical = ksCritical (1e-3 / 2.0) a.Length b.Length
    let d = ksStatistic (a |> Array.map (fun x -> float x.Duration)) (b |> Array.map (fun x -> float x.Duration))
    let s = ksStatistic (a |> Array.map (fun x -> x.Size)) (b |> Array.map (fun x -> x.Size))
    Assert.That(d, Is.LessThan critical, $"{label}: durations KS {d}")
    Assert.That(s, Is.LessThan critical, $"{label}: sizes KS {s}")

let distanceCases : obj[][] = [| [| "tanh"; 0.05 |]; [| "erf"; 0.1 |]; [| "tanh(poly:0.2,1)"; 0.02 |] |]

[<TestCaseSource(nameof distanceCases)>]
let ``exact and dense paths give the same distance avalanches at the order-chaos point`` (activation: string, sb2: float) =
    let phi = Activation.Parse activation
    let sw2 = Dip.Engine.Theory.MeanField.CriticalSigmaW2(phi, sb2)
    let qStar = Dip.Engine.Theory.MeanField(phi, sw2, sb2).FixedPointLength()
    let run mode seed =
        let s = spec mode activation 32 200 sw2 sb2 [ Observable.Distance ] 1500L seed
        avalanches (SimulationSpec(s.Network, Mode = mode, Observables = s.Observables, Input = InputSpec(qStar, 0.1), Trials = s.Trials, Seed = seed)) 0.008
    compare (run SimulationMode.Exact 61UL) (run SimulationMode.Dense 62UL) activation

[<Test>]
let ``the Langevin model gives the exact chain's length avalanches at large N (tanh, sigma_w^2 = 1)`` () =
    // q decays like q0 / (1 + u q0 l) (u = 2) with relative noise sqrt(D2 / N) = 0.045 per layer: avalanches end when q
    // falls below half its start, after about 100 layers, with a broad spread.
    let n, depth, q0, trials = 1000, 400, 0.005, 3000L
    let exact =
        SimulationSpec(NetworkSpec(n, depth, 1.0, 0.0, Activation.Tanh), Mode = SimulationMode.Exact,
                       Observables = [| Observable.Length |], Input = InputSpec(q0), Trials = trials, Seed = 71UL)
    let langevin =
        SimulationSpec(NetworkSpec(n, depth, 1.0, 0.0, Activation.Tanh), Mode = SimulationMode.Langevin,
                       Observables = [| Observable.Length |], Input = InputSpec(q0), LangevinSubsteps = 1,
                       Trials = trials, Seed = 72UL)
    compare (avalanches exact (q0 / 2.0)) (avalanches langevin (q0 / 2.0)) "tanh length"

/// The README's F# usage example, compiled and run here; ReadmeTests checks that the README shows this exact code.
module Dip.PropTests.Readme.ReadmeExample

// README-FSHARP-BEGIN
open System
open Dip.Engine.Activations
open Dip.Engine.Avalanches
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.Analysis.Crackling

/// Distance avalanches of 200 tanh networks (width 512, depth 400) at the order-chaos point, and their exponents.
let example () =
    let network = NetworkSpec(512, 400, 1.0, 0.0, Activation.Tanh)
    let spec = SimulationSpec(network, Observables = [| Observable.Distance |], Trials = 200L, Seed = 1UL)
    let path = TrialPaths.Create spec // the exact conditional-Gaussian path: O(N) per layer
    let extractor = AvalancheExtractor(LayerThresholds.Constant 1e-3, AvalancheMode.Seeded)
    let found = ResizeArray<Avalanche>()
    let activity = Array.zeroCreate<float> (network.Depth + 1)
    for trial in 0L .. spec.Trials - 1L do
        path.Run(trial, Span activity) |> ignore
        extractor.Extract(trial, 0, ReadOnlySpan activity, Action<Avalanche> found.Add)
    let result = CracklingAnalysis.analyze CracklingAnalysis.defaults (found.ToArray())
    printfn "tau_d = %.3f +- %.3f from %d avalanches" result.TauD.Alpha result.TauD.AlphaSe result.NAvalanches
    result
// README-FSHARP-END

/// Runs simulation specs in tests and collects per-trial activity.
module Dip.PropTests.SimulationRuns

open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Simulation

/// A spec with the given network and options.
let spec mode (activation: string) width depth sw2 sb2 (observables: Observable list) trials seed =
    SimulationSpec(NetworkSpec(width, depth, sw2, sb2, Activation.Parse activation),
                   Mode = mode, Observables = Array.ofList observables, Trials = trials, Seed = seed)

/// Activity of every trial: result.[trial].[o * (L + 1) + l]; fails the test on a diverged trial.
let activity (threads: int) (s: SimulationSpec) : float[][] =
    let path = TrialPaths.Create s
    let rows = ResizeArray()
    let sink =
        { new ITrialSink with
            member _.Accept(trial, a, diverged) =
                if diverged >= 0 then failwithf "trial %d diverged at layer %d" trial diverged
                rows.Add(a.ToArray()) }
    TrialRunner.Run(path, s.Trials, sink, threads)
    rows.ToArray()

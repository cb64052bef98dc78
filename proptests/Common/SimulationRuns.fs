/// Runs simulation specs in tests and collects per-trial activity.
module Dip.PropTests.SimulationRuns

open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Simulation

/// A spec with the given network and options.
let spec mode (activation: string) width depth sw2 sb2 (observables: Observable list) trials seed =
    SimulationSpec(NetworkSpec(width, depth, sw2, sb2, Activation.Parse activation),
                   Mode = mode, Observables = Array.ofList observables, Trials = trials, Seed = seed)

/// Runs every trial of a path with the given thread count; result.[trial] is its activity. Fails the test on a diverged trial.
let runPath (threads: int) (path: ITrialPath) (trials: int64) : float[][] =
    let rows = ResizeArray()
    let sink =
        { new ITrialSink with
            member _.Accept(trial, a, diverged) =
                if diverged >= 0 then failwithf "trial %d diverged at layer %d" trial diverged
                rows.Add(a.ToArray()) }
    TrialRunner.Run(path, trials, sink, threads)
    rows.ToArray()

/// Activity of every trial: result.[trial].[o * (L + 1) + l]; fails the test on a diverged trial.
let activity (threads: int) (s: SimulationSpec) : float[][] = runPath threads (TrialPaths.Create s) s.Trials

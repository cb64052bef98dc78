module Dip.PropTests.Engine.Simulation.DeterminismTests

open NUnit.Framework
open Dip.Engine.Simulation
open Dip.PropTests.SimulationRuns

[<TestCase(SimulationMode.Exact)>]
[<TestCase(SimulationMode.Dense)>]
let ``same seed gives bit-identical activity with one thread and with all threads`` (mode: SimulationMode) =
    let s = spec mode "tanh" 16 10 1.1 0.05 [ Observable.Distance; Observable.Length; Observable.DistancePhi; Observable.ActiveCount ] 50 5UL
    let one, many = activity 1 s, activity 0 s
    Assert.That((many = one), Is.True, "activity differs between 1 thread and all threads")

[<Test>]
let ``the input distance is epsilon squared and the input length is q0`` () =
    let s =
        SimulationSpec(Dip.Engine.Networks.NetworkSpec(100, 3, 1.0, 0.0, Dip.Engine.Activations.Activation.Tanh),
                       Input = InputSpec(2.0, 0.05), Observables = [| Observable.Distance; Observable.Length |], Trials = 3L)
    for row in activity 1 s do
        Assert.That(row.[0], Is.EqualTo(0.0025).Within(1e-15))
        Assert.That(row.[4], Is.EqualTo(2.0).Within(1e-14))

[<Test>]
let ``a diverging trial reports its first non-finite layer`` () =
    let s = spec SimulationMode.Exact "linear" 8 2000 4.0 0.0 [ Observable.Length ] 1 1UL
    let diverged = (TrialPaths.Create s).Run(0L, System.Span<float>(Array.zeroCreate 2001))
    Assert.That(diverged, Is.GreaterThan 100)

[<Test>]
let ``invalid combinations name the option`` () =
    let s = SimulationSpec(Dip.Engine.Networks.NetworkSpec(8, 2, 1.0, 0.0, Dip.Engine.Activations.Activation.Tanh), Quenched = true)
    let e = Assert.Throws<System.ArgumentException>(fun () -> TrialPaths.Create s |> ignore)
    Assert.That(e.Message, Does.Contain "quenched")

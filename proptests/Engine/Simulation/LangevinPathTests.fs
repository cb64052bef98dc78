/// The reduced Langevin model (theory.md §3.2, §3.6): the integrator against a scalar loop, the one-step law, determinism,
/// agreement with the exact chain at large N, and the DP survival exponent of pure Feller noise.
module Dip.PropTests.Engine.Simulation.LangevinPathTests

open System
open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Avalanches
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.Engine.Theory
open Dip.PropTests.Statistics
open Dip.PropTests.SimulationRuns

/// A Langevin spec with explicit couplings (or None for those of the activation).
let langevinSpec (activation: string) width depth sw2 (couplings: Couplings option) substeps q0 trials seed =
    SimulationSpec(NetworkSpec(width, depth, sw2, 0.0, Activation.Parse activation),
                   Mode = SimulationMode.Langevin, Observables = [| Observable.Length |], Input = InputSpec(q0),
                   LangevinCouplings = Option.toObj couplings, LangevinSubsteps = substeps, Trials = trials, Seed = seed)

let noiseless : obj[][] =
    [| [| 0.3; 0.01; 1.2; 1; 0.4 |]      // relaxes to q* > 0
       [| 0.3; 0.01; 1.2; 7; 0.4 |]      // the same with substeps
       [| -1.5; 0.0; 1.0; 1; 0.5 |]      // overshoots below 0 at step 1: clamped, stays 0 (h = 0)
       [| -1.5; 0.05; 1.0; 1; 0.5 |]     // clamped, then re-enters through h
       [| 0.0; 0.0; 2.0; 3; 0.9 |] |]    // critical tanh drift

[<TestCaseSource(nameof noiseless)>]
let ``with D1 = D2 = 0 the path is the Euler map of the drift, clamped at 0, exactly`` (r: float, h: float, u: float, k: int, q0: float) =
    let depth = 60
    let s = langevinSpec "tanh" 64 depth 1.0 (Some(Couplings(r, h, u, 0.0, 0.0))) k q0 2L 3UL
    let dl = 1.0 / float k
    let expected = Array.zeroCreate (depth + 1)
    let mutable q = q0
    expected.[0] <- q
    for l in 1 .. depth do
        for _ in 1 .. k do
            let next = q + (h + r * q - u * q * q) * dl
            q <- if next <= 0.0 then 0.0 else next
        expected.[l] <- q
    for row in activity 1 s do
        Assert.That(row, Is.EqualTo<float[]>(expected))
    if h = 0.0 && r < -1.0 then Assert.That(expected.[depth], Is.EqualTo 0.0, "absorbed")
    if h > 0.0 then Assert.That(expected.[depth], Is.GreaterThan 0.0, "re-entered")

let oneStep : obj[][] =
    [| [| 0.1; 0.02; 0.5; 0.3; 1.5; 100; 0.8 |]   // both noise terms and a field
       [| 0.0; 0.0; 2.0; 0.0; 2.0; 400; 0.1 |]    // tanh at sigma_w^2 = 1 (kappa = 2)
       [| -0.2; 0.0; 0.5; 1.0; 0.0; 2000; 0.5 |] |] // pure Feller noise (kappa = 1)

[<TestCaseSource(nameof oneStep)>]
let ``at K = 1 one layer has mean h + (1 + r) q - u q^2 and variance (D1 q + D2 q^2) / N`` (r: float, h: float, u: float, d1: float, d2: float, n: int, q0: float) =
    let trials = 20000
    let s = langevinSpec "tanh" n 1 1.0 (Some(Couplings(r, h, u, d1, d2))) 1 q0 (int64 trials) 21UL
    let q1 = activity 0 s |> Array.map (fun row -> row.[1])
    let expectedMean = h + (1.0 + r) * q0 - u * q0 * q0
    let expectedVar = (d1 * q0 + d2 * q0 * q0) / float n
    // The clamp at 0 is more than 5 standard deviations away in every case, so the law is Gaussian to within 1e-6.
    Assert.That(expectedMean / sqrt expectedVar, Is.GreaterThan 5.0)
    Assert.That(abs (mean q1 - expectedMean), Is.LessThan(4.5 * sqrt (expectedVar / float trials)), "mean")
    Assert.That(abs (variance q1 - expectedVar), Is.LessThan(4.5 * expectedVar * sqrt (2.0 / float (trials - 1))), "variance")

[<Test>]
let ``same seed gives bit-identical paths with one thread, all threads and again; another seed differs`` () =
    let s = langevinSpec "tanh" 200 80 1.1 None 10 0.2 300L 9UL
    let one, many, again = activity 1 s, activity 0 s, activity 0 s
    Assert.That((many = one), Is.True, "1 thread vs all threads")
    Assert.That((again = one), Is.True, "repeated run")
    let other = activity 0 (langevinSpec "tanh" 200 80 1.1 None 10 0.2 300L 10UL)
    Assert.That((other = one), Is.False, "another seed")

[<Test>]
let ``early stop keeps every value up to the first layer at or below the threshold, then NaN`` () =
    let s = langevinSpec "tanh" 50 100 1.0 (Some(Couplings(0.0, 0.0, 0.0, 1.0, 0.0))) 4 0.02 200L 4UL
    let full = activity 0 s
    let stopped = runPath 0 (TrialPaths.Create(s, LayerThresholds.Constant 0.0)) 200L
    let mutable stops = 0
    for t in 0 .. full.Length - 1 do
        let last = full.[t] |> Array.tryFindIndex (fun q -> q <= 0.0) |> Option.defaultValue 100
        if last < 100 then stops <- stops + 1
        Assert.That(stopped.[t].[.. last], Is.EqualTo<float[]>(full.[t].[.. last]), $"trial {t}")
        Assert.That(stopped.[t].[last + 1 ..] |> Array.forall Double.IsNaN, Is.True, $"trial {t} after the stop")
    Assert.That(stops, Is.GreaterThan 100, "most Feller trials are absorbed within 100 layers")

[<Test>]
let ``the Langevin model reproduces the exact chain's length distribution at large N (tanh, sigma_w^2 = 1)`` () =
    // Small q0 keeps the dropped O(q^3) drift term (17/3 q^3 per layer for tanh) far below the noise; K = 1 is the
    // per-layer map the CLT derivation gives. The negative control doubles D2 (the theory's q-hat correction): the KS
    // test must reject it, or this test has no power.
    let n, depth, trials, q0 = 1000, 40, 3000, 0.005
    let exactSpec =
        SimulationSpec(NetworkSpec(n, depth, 1.0, 0.0, Activation.Tanh), Mode = SimulationMode.Exact,
                       Observables = [| Observable.Length |], Input = InputSpec(q0), Trials = int64 trials, Seed = 31UL)
    let exact = activity 0 exactSpec
    let derived = Couplings.For(Activation.Tanh, 1.0, 0.0)
    Assert.That(derived, Is.EqualTo(Couplings(0.0, 0.0, 2.0, 0.0, 2.0)))
    let langevin = activity 0 (langevinSpec "tanh" n depth 1.0 None 1 q0 (int64 trials) 32UL)
    let doubled = activity 0 (langevinSpec "tanh" n depth 1.0 (Some(Couplings(derived.R, derived.H, derived.U, derived.D1, 4.0))) 1 q0 (int64 trials) 33UL)
    let critical = ksCritical 1e-3 trials trials
    let column l (rows: float[][]) = rows |> Array.map (fun row -> row.[l])
    for l in [ 1; 5; 15; 40 ] do
        let d = ksStatistic (column l exact) (column l langevin)
        TestContext.WriteLine($"layer {l}: KS {d:F4} (critical {critical:F4}); means {mean (column l exact):E4} exact, {mean (column l langevin):E4} langevin")
        Assert.That(d, Is.LessThan critical, $"layer {l}: KS {d:F4} vs critical {critical:F4}")
    let control = ksStatistic (column depth exact) (column depth doubled)
    TestContext.WriteLine($"doubled D2, layer {depth}: KS {control:F4}")
    Assert.That(control, Is.GreaterThan critical, $"doubled D2 at layer {depth}: KS {control:F4}")

[<Test>]
let ``pure Feller noise (r = h = D2 = 0) has survival P(T > t) ~ t^-1, the mean-field DP class`` () =
    // Exact Feller law: P(T > t) = 1 - exp(-2 q0 N / (D1 t)); with 2 q0 N / D1 = 1 the finite-t correction to the slope
    // over [20, 200] is below 0.03. The slope is ln(S(200)/S(20)) / ln 10, and S(200)/S(20) is binomial given the n20
    // survivors, so its log has variance (1 - p) / (n20 p).
    let n, d1, trials = 100, 1.0, 60000
    let q0 = d1 / (2.0 * float n)
    let s = langevinSpec "tanh" n 200 1.0 (Some(Couplings(0.0, 0.0, 0.0, d1, 0.0))) 4 q0 (int64 trials) 41UL
    let alive = Array.zeroCreate 201
    let sink =
        { new ITrialSink with
            member _.Accept(trial, a, diverged) =
                if diverged >= 0 then failwithf "trial %d diverged at layer %d" trial diverged
                for t in 0 .. 200 do if a.[t] > 0.0 then alive.[t] <- alive.[t] + 1 }
    TrialRunner.Run(TrialPaths.Create(s, LayerThresholds.Constant 0.0), int64 trials, sink)
    let n20, n200 = float alive.[20], float alive.[200]
    let p = n200 / n20
    let slope = log p / log 10.0
    let se = sqrt ((1.0 - p) / (n20 * p)) / log 10.0
    let feller t = 1.0 - exp (-2.0 * q0 * float n / (d1 * float t))
    let expected = log (feller 200 / feller 20) / log 10.0
    TestContext.WriteLine($"survivors {n20} at 20, {n200} at 200; slope {slope:F3} +- {se:F3}, Feller {expected:F3}")
    Assert.That(abs (slope - expected), Is.LessThan(4.5 * se), "slope")
    Assert.That(abs (slope + 0.5), Is.GreaterThan(10.0 * se), "distinct from the free-BM slope -1/2")

[<Test>]
let ``invalid Langevin options name the option and value`` () =
    let net = NetworkSpec(8, 2, 1.0, 0.0, Activation.Tanh)
    let e = Assert.Throws<ArgumentException>(fun () -> SimulationSpec(net, LangevinSubsteps = 0) |> ignore)
    Assert.That(e.Message, Does.Contain "langevin substeps must be >= 1, got 0")
    let e = Assert.Throws<ArgumentException>(fun () -> SimulationSpec(net, LangevinCouplings = Couplings(0.0, 0.0, 1.0, -1.0, 0.0)) |> ignore)
    Assert.That(e.Message, Does.Contain "D1 = -1")
    let relu = SimulationSpec(NetworkSpec(8, 2, 2.0, 0.0, Activation.Relu), Mode = SimulationMode.Langevin, Observables = [| Observable.Length |])
    let e = Assert.Throws<ArgumentException>(fun () -> TrialPaths.Create relu |> ignore)
    Assert.That(e.Message, Does.Contain "Taylor")
    let distance = SimulationSpec(net, Mode = SimulationMode.Langevin)
    let e = Assert.Throws<ArgumentException>(fun () -> TrialPaths.Create distance |> ignore)
    Assert.That(e.Message, Does.Contain "length only")

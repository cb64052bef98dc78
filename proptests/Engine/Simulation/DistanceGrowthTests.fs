/// The finite-width growth rate of the distance and its zero (theory.md §3.5), against the linear network, where the
/// distance obeys d^(l+1) = sigma_w^2 d^l chi^2_N / N exactly: the mean log increment is
/// ln sigma_w^2 + psi(N/2) - ln(N/2), its variance psi'(N/2), and the critical sigma_w^2 is (N/2) exp(-psi(N/2)).
module Dip.PropTests.Engine.Simulation.DistanceGrowthTests

open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.PropTests.Statistics

let private linear n depth sw2 trials seed =
    SimulationSpec(NetworkSpec(n, depth, sw2, 0.0, Activation.Linear), Observables = [| Observable.Distance |],
                   Input = InputSpec(1.0, 0.1), Trials = trials, Seed = seed)

[<Test>]
let ``the measured rate and increment variance match the chi-square law of the linear network`` () =
    let n, depth, trials = 64, 60, 2000L
    let rate = DistanceGrowth.Measure(linear n depth 1.3 trials 5UL, 10)
    let half = float n / 2.0
    let expected = log 1.3 + digamma half - log half
    Assert.That(rate.Mean, Is.EqualTo(expected).Within(4.5 * rate.StandardError), $"se {rate.StandardError}")
    // The standard error itself: per-trial means of 50 i.i.d. increments.
    Assert.That(rate.StandardError, Is.EqualTo(sqrt (trigamma half / 50.0 / float trials)).Within(0.1 * rate.StandardError))
    // The increment variance from 10^5 increments: relative sampling error about sqrt(2 / 10^5) (nearly Gaussian).
    Assert.That(rate.IncrementVariance, Is.EqualTo(trigamma half).Within(4.5 * sqrt (2.0 / 1e5) * trigamma half))

[<Test>]
let ``the critical sigma_w^2 of the linear network is (N/2) exp(-psi(N/2)) within the measured error`` () =
    let n = 64
    let struct (critical, atStart, _) = DistanceGrowth.CriticalSigmaW2(linear n 60 1.0 2000L 9UL, 1.0, 10)
    let half = float n / 2.0
    let expected = half * exp (-(digamma half))
    // Common random numbers make the slope exact here (1 / sigma_w^2), so the root's error is the rate's error times sigma_w^2.
    Assert.That(critical, Is.EqualTo(expected).Within(4.5 * atStart.StandardError * expected))
    Assert.That(critical, Is.GreaterThan 1.0, "finite width moves the critical point above the mean-field sigma_w^2 = 1")

[<Test>]
let ``bad arguments name the value`` () =
    let spec = linear 16 10 1.0 10L 1UL
    let e = Assert.Throws<System.ArgumentException>(fun () -> DistanceGrowth.Measure(spec, 10) |> ignore)
    Assert.That(e.Message, Does.Contain("burn-in").And.Contain("10"))
    let lengthFirst = SimulationSpec(spec.Network, Observables = [| Observable.Length; Observable.Distance |], Trials = 10L)
    let e2 = Assert.Throws<System.ArgumentException>(fun () -> DistanceGrowth.Measure(lengthFirst, 2) |> ignore)
    Assert.That(e2.Message, Does.Contain "Length")

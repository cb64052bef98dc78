/// theory.md §3.5: for a small perturbation, d^(l+1)/d^l = sigma_w^2 [sum_j phi'(h_j)^2 zeta_j^2 / sum_j zeta_j^2] chi^2_N/N,
/// whose mean given layer l is chi(q) = sigma_w^2 E phi'(sqrt(q) z)^2 at that layer's length: chi_1 at q = q*.
module Dip.PropTests.Engine.Simulation.DistanceRatioTests

open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.Engine.Theory
open Dip.PropTests.SimulationRuns

[<TestCase(1.5, 0.05, 1e-3)>] // ordered: chi_1 < 1, the distance shrinks
[<TestCase(3.0, 0.05, 1e-4)>] // chaotic: chi_1 > 1, the distance grows
let ``the one-layer distance ratio has mean chi at the layer's length (chi_1 at q*), exact path at N = 16384``
        (sw2: float, sb2: float, epsilon: float) =
    let n, depth, trials = 16384, 32, 192
    let field = MeanField(Activation.Tanh, sw2, sb2)
    let qStar = field.FixedPointLength()
    let s =
        SimulationSpec(NetworkSpec(n, depth, sw2, sb2, Activation.Tanh), Mode = SimulationMode.Exact,
                       Observables = [| Observable.Length; Observable.Distance |], Trials = int64 trials, Seed = 5UL,
                       Input = InputSpec(qStar, epsilon))
    let rows = activity 0 s
    let stride = depth + 1
    // Per trial: the mean over layers 1..depth-1 of ratio - chi(q^l). Successive layers share state, so the standard
    // error comes from the spread of the per-trial means (trials are independent).
    let perTrial =
        rows |> Array.map (fun r ->
            Array.init (depth - 1) (fun k ->
                let l = k + 1
                r[stride + l + 1] / r[stride + l] - field.Chi r[l]) |> Array.average)
    let mean = Array.average perTrial
    let se = sqrt ((perTrial |> Array.sumBy (fun x -> (x - mean) ** 2.0)) / float (trials - 1) / float trials)
    // The conditional mean is exactly chi(Q) at the layer's conditional variance Q; using the recorded q^l (E q^l = Q) and
    // the ratio of sums leaves an O(1/N) bias, 6e-5 here, below half the standard error (1.5e-4 ordered, 2.4e-4 chaotic).
    Assert.That(abs mean, Is.LessThan(4.0 * se), $"mean of ratio - chi(q) = {mean} +- {se}")
    // The plain mean ratio is chi_1: it adds chi(q^l) - chi_1 ~ chi'(q*) (q^l - q*) to the above, whose average over
    // 6000 layers is of order q* sqrt(2/N)/sqrt(6000) ~ 1e-4 q*; 1e-3 covers that and 4 standard errors (measured: 3e-5).
    let chi1 = field.Chi qStar
    let ratios = rows |> Array.collect (fun r -> Array.init (depth - 1) (fun k -> r[stride + k + 2] / r[stride + k + 1]))
    Assert.That(Array.average ratios, Is.EqualTo(chi1).Within(1e-3), $"chi_1 = {chi1}")
    Assert.That(sign (Array.average ratios - 1.0), Is.EqualTo(sign (chi1 - 1.0)))

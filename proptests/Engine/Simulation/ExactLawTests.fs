/// Exact-law oracles of theory.md §7 for the simulation paths: linear networks (ln q is a random walk with known increment
/// law) and ReLU networks (E ln ratio from the binomial count of active units), on both the exact and the dense path.
module Dip.PropTests.Engine.Simulation.ExactLawTests

open NUnit.Framework
open Dip.Engine.Simulation
open Dip.PropTests.Statistics
open Dip.PropTests.SimulationRuns

/// Increments ln q^(l+1) - ln q^l for layers from..L-1, pooled over trials.
let logIncrements (from: int) (rows: float[][]) =
    [| for row in rows do
         for l in from .. row.Length - 2 -> log row.[l + 1] - log row.[l] |]

let cases : obj[][] = [| [| SimulationMode.Exact; 64; 40; 300 |]; [| SimulationMode.Dense; 32; 20; 120 |] |]

[<TestCaseSource(nameof cases)>]
let ``linear network: ln q increments have mean ln sw2 + psi(N/2) + ln(2/N) and variance psi'(N/2)`` (mode: SimulationMode, n: int, depth: int, trials: int) =
    let sw2 = 1.3
    let inc = activity 0 (spec mode "linear" n depth sw2 0.0 [ Observable.Length ] trials 11UL) |> logIncrements 0
    let expectedMean = log sw2 + digamma (float n / 2.0) + log (2.0 / float n)
    let expectedVar = trigamma (float n / 2.0)
    Assert.That(abs (mean inc - expectedMean), Is.LessThan(4.5 * meanSe inc), "mean")
    Assert.That(abs (variance inc - expectedVar), Is.LessThan(4.5 * varianceSe inc), "variance")

[<TestCaseSource(nameof cases)>]
let ``relu network with sigma_b = 0: mean ratio sw2/2 and E ln ratio from the binomial count of active units`` (mode: SimulationMode, n: int, depth: int, trials: int) =
    let sw2 = 2.0
    let rows = activity 0 (spec mode "relu" n depth sw2 0.0 [ Observable.Length ] trials 12UL)
    // From layer 1 on, h is centred Gaussian given the previous layer, so ratios are i.i.d. (the input is not).
    let inc = logIncrements 1 rows
    let ratios = inc |> Array.map exp
    let binomial = MathNet.Numerics.Distributions.Binomial(0.5, n)
    let expectedLog =
        log sw2 + log (2.0 / float n) + Seq.sum (seq { for k in 1 .. n -> binomial.Probability k * digamma (float k / 2.0) })
    Assert.That(abs (mean ratios - sw2 / 2.0), Is.LessThan(4.5 * meanSe ratios), "mean ratio")
    Assert.That(abs (mean inc - expectedLog), Is.LessThan(4.5 * meanSe inc), "mean log ratio")
    Assert.That(expectedLog, Is.LessThan 0.0, "the log-drift at sw2 = 2 is negative (theory §7)")

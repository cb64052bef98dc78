/// The report's binned densities and fitted-law curves integrate as densities must.
module Dip.PropTests.Cli.HistogramTests

open NUnit.Framework
open FsCheck.NUnit
open Dip.Cli.Report
open Dip.Analysis.Generators

[<Property(MaxTest = 30)>]
let ``log-binned densities of continuous data integrate to 1 and sit inside the data range`` (seed: uint64) =
    let data = PowerLawSampler.continuous 1.7 1e-5 2000 seed
    let points = Histogram.logBinnedDensity 8 false data
    let step = 10.0 ** (1.0 / 8.0)
    // Geometric centre c of a bin [a, a * step]: the width is c (sqrt step - 1 / sqrt step).
    let total = points |> Array.sumBy (fun (c, p) -> p * c * (sqrt step - 1.0 / sqrt step))
    abs (total - 1.0) < 1e-9
    && points |> Array.forall (fun (c, _) -> c >= Array.min data && c <= Array.max data * step)

[<Test>]
let ``the fitted power-law curve integrates to the tail fraction over its window`` () =
    for alpha, xmin, xmax in [ 1.33, 1e-6, 1e-2; 1.5, 1.0, 1000.0; 2.0, 10.0, 20.0 ] do
        let points = Histogram.powerLawDensity alpha xmin xmax 0.4
        // Trapezoid rule in log x: integral of p(x) x d(ln x).
        let integral =
            points |> Array.pairwise |> Array.sumBy (fun ((x0, p0), (x1, p1)) -> 0.5 * (p0 * x0 + p1 * x1) * log (x1 / x0))
        Assert.That(integral, Is.EqualTo(0.4).Within(2e-3), $"alpha {alpha} on [{xmin}, {xmax}]")

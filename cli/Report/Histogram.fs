/// Binned empirical densities for log-log plots of avalanche distributions.
module Dip.Cli.Report.Histogram

/// Density estimate on logarithmic bins (`binsPerDecade` per decade) over [min, max] of the data: one point
/// (geometric bin centre, count / (n * bin width)) per non-empty bin. For integer data the bin edges are widened to
/// whole integers so that every bin holds at least one integer.
let logBinnedDensity (binsPerDecade: int) (discrete: bool) (values: float[]) : (float * float)[] =
    let positive = values |> Array.filter (fun v -> v > 0.0)
    if positive.Length = 0 then [||]
    else
        let lo, hi = Array.min positive, Array.max positive
        let step = 1.0 / float binsPerDecade
        let edges =
            let raw = [| for k in 0 .. int (ceil ((log10 hi - log10 lo) / step)) + 1 -> lo * 10.0 ** (float k * step) |]
            if discrete then raw |> Array.map (fun e -> ceil (e - 1e-9) - 0.5) |> Array.distinct else raw
        let n = float positive.Length
        [| for b in 0 .. edges.Length - 2 do
             let a, c = edges.[b], edges.[b + 1]
             let count = positive |> Array.sumBy (fun v -> if v >= a && v < c then 1.0 else 0.0)
             let centre = if discrete then sqrt (max a 0.5 * c) else sqrt (a * c)
             if count > 0.0 then yield centre, count / (n * (c - a)) |]

/// Points of the fitted power-law density on [xmin, xmax], normalised on that window and scaled by the tail's share of
/// the data: p(x) = (n_tail / n) (alpha - 1) / (xmin (1 - (xmax / xmin)^(1 - alpha))) (x / xmin)^-alpha.
let powerLawDensity (alpha: float) (xmin: float) (xmax: float) (tailFraction: float) : (float * float)[] =
    let norm = (alpha - 1.0) / (xmin * (1.0 - (xmax / xmin) ** (1.0 - alpha)))
    [| for k in 0 .. 40 ->
         let x = xmin * (xmax / xmin) ** (float k / 40.0)
         x, tailFraction * norm * (x / xmin) ** (-alpha) |]

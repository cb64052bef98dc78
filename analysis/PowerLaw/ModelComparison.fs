/// Likelihood-ratio comparison of the power law with alternative tails (Clauset, Shalizi & Newman 2009, §5; theory.md
/// §6.5), all fitted by maximum likelihood on the same tail x >= xmin in their continuous forms (also for integer data,
/// so that both models of every pair are continuous). R > 0 favours the power law. Non-nested alternatives
/// (exponential, log-normal, stretched exponential) use Vuong's test; the power law with exponential cutoff is nested
/// (chi^2 with one degree of freedom).
module Dip.Analysis.PowerLaw.ModelComparison

open System
open MathNet.Numerics
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.Optimization

/// One comparison: the alternative's name, the log-likelihood ratio R (power law minus alternative) and the p-value.
type Comparison = { Alternative: string; R: float; P: float }

let private minimize (f: float[] -> float) (start: float[]) =
    let objective = ObjectiveFunction.Value(fun (v: Vector<float>) -> let y = f (v.ToArray()) in if Double.IsFinite y then y else 1e300)
    let result = NelderMeadSimplex(1e-10, 20000).FindMinimum(objective, Vector<float>.Build.DenseOfArray start)
    result.MinimizingPoint.ToArray()

/// ln of the integral of x^-alpha e^(-lambda x) over [xmin, infinity), by Gauss-Legendre in t = ln(x / xmin).
let private logCutoffNormalizer (alpha: float) (lambda: float) (xmin: float) =
    let top = min 300.0 (log (max 1.0 (80.0 / (lambda * xmin))) + 60.0 / max 0.05 (alpha - 1.0))
    let struct (nodes: float[], weights: float[]) = Dip.Engine.Theory.GaussianExpectation.GaussLegendreRule 12
    let panels = 600
    let h = top / float panels
    let mutable sum = 0.0
    for p in 0 .. panels - 1 do
        for k in 0 .. nodes.Length - 1 do
            let t = (float p + 0.5) * h + 0.5 * h * nodes.[k]
            sum <- sum + 0.5 * h * weights.[k] * exp ((1.0 - alpha) * t - lambda * xmin * exp t)
    (1.0 - alpha) * log xmin + log sum

let private vuong (name: string) (a: float[]) (b: float[]) =
    let d = Array.map2 (-) a b
    let n = float d.Length
    let r = Array.sum d
    let mean = r / n
    let sigma2 = (d |> Array.sumBy (fun x -> (x - mean) ** 2.0)) / n
    { Alternative = name; R = r; P = if sigma2 > 0.0 then SpecialFunctions.Erfc(abs r / sqrt (2.0 * n * sigma2)) else 1.0 }

/// Compares the power law on the tail x >= xmin of data with the four alternatives.
[<CompiledName("Compare")>]
let compare (data: float[]) (xmin: float) : Comparison list =
    let tail = data |> Array.filter (fun x -> x >= xmin)
    if tail.Length < 10 then invalidArg (nameof data) $"model comparison needs at least 10 tail points, got {tail.Length}"
    let n = float tail.Length
    let logs = tail |> Array.map (fun x -> log (x / xmin))
    let alpha = 1.0 + n / Array.sum logs
    let powerLaw = logs |> Array.map (fun l -> log ((alpha - 1.0) / xmin) - alpha * l)
    let exponential =
        let lambda = 1.0 / (Array.average tail - xmin)
        tail |> Array.map (fun x -> log lambda - lambda * (x - xmin))
    let logNormalPoint (mu: float) (sigma: float) (x: float) =
        0.5 * log (2.0 / (Math.PI * sigma * sigma)) - log (SpecialFunctions.Erfc((log xmin - mu) / (sqrt 2.0 * sigma)))
        - log x - (log x - mu) ** 2.0 / (2.0 * sigma * sigma)
    let logNormal =
        let lx = tail |> Array.map log
        let m0 = Array.average lx
        let s0 = max 0.1 (sqrt ((lx |> Array.sumBy (fun v -> (v - m0) ** 2.0)) / n))
        let p = minimize (fun p -> -(tail |> Array.sumBy (logNormalPoint p.[0] (exp p.[1])))) [| m0; log s0 |]
        tail |> Array.map (logNormalPoint p.[0] (exp p.[1]))
    let stretchedPoint (lambda: float) (beta: float) (x: float) =
        log (beta * lambda) + lambda * xmin ** beta + (beta - 1.0) * log x - lambda * x ** beta
    let stretched =
        let p = minimize (fun p -> -(tail |> Array.sumBy (stretchedPoint (exp p.[0]) (exp p.[1])))) [| log (1.0 / Array.average tail); log 0.5 |]
        tail |> Array.map (stretchedPoint (exp p.[0]) (exp p.[1]))
    let cutoffTotal (a: float) (lambda: float) =
        let z = logCutoffNormalizer a lambda xmin
        tail |> Array.sumBy (fun x -> -a * log x - lambda * x - z)
    let cutoffR =
        let p = minimize (fun p -> -(cutoffTotal p.[0] (exp p.[1]))) [| alpha; log (0.01 / Array.average tail) |]
        Array.sum powerLaw - max (cutoffTotal p.[0] (exp p.[1])) (Array.sum powerLaw)
    [ vuong "exponential" powerLaw exponential
      vuong "lognormal" powerLaw logNormal
      vuong "stretched_exponential" powerLaw stretched
      { Alternative = "power_law_with_cutoff"; R = cutoffR
        P = 1.0 - Distributions.ChiSquared.CDF(1.0, 2.0 * abs cutoffR) } ]

/// Maximum-likelihood fits of a power law to tail data summarized by (count, sum of logs), continuous and discrete,
/// untruncated or doubly truncated (theory.md §6.1, §6.2, §6.6), and the model CDFs used by the KS distance.
/// Unchecked core: callers validate data at the public boundary (PowerLaw.fit).
module Dip.Analysis.PowerLaw.Likelihood

open System
open Dip.Analysis.Special

/// One fitted exponent on a fixed support: exponent, its standard error, total log-likelihood.
[<Struct>]
type ExponentFit = { Alpha: float; AlphaSe: float; LogLikelihood: float }

let internal expm1 = HurwitzZeta.expm1

let internal log1p (x: float) =
    if abs x < 1e-4 then x * (1.0 - x * (0.5 - x * (1.0 / 3.0 - x * 0.25))) else log (1.0 + x)

/// Search range of the exponent for untruncated discrete fits (needs alpha > 1) and for truncated fits (any real).
let untruncatedRange = struct (1.0 + 1e-7, 12.0)
let truncatedRange = struct (-4.0, 12.0)

/// ln of the continuous truncated normalization (alpha-1)/(a^(1-alpha) - b^(1-alpha)), regular at alpha = 1.
let internal lnTruncatedNorm (alpha: float) (a: float) (b: float) =
    let lnr = log (a / b)
    let e = alpha - 1.0
    let q = if e = 0.0 then -1.0 / lnr else -e / expm1 (e * lnr)
    log q + e * log a

/// Second derivative of g at x by central differences (step 1e-4; accurate to ~1e-7 relative).
let internal secondDerivative (g: float -> float) (x: float) =
    let h = 1e-4
    (g (x + h) - 2.0 * g x + g (x - h)) / (h * h)

let internal seFromCurvature (ll: float -> float) (alpha: float) =
    let c = secondDerivative ll alpha
    if c < 0.0 then 1.0 / sqrt (-c) else nan

/// Continuous MLE for n points with sum of logs sumLog on [xmin, xmax] (xmax = +infinity: untruncated, closed form).
let continuous (n: int) (sumLog: float) (xmin: float) (xmax: float) : ExponentFit =
    let nf = float n
    if Double.IsPositiveInfinity xmax then
        let g = sumLog - nf * log xmin
        let alpha = 1.0 + nf / g
        { Alpha = alpha; AlphaSe = (alpha - 1.0) / sqrt nf; LogLikelihood = nf * log ((alpha - 1.0) / xmin) - alpha * g }
    else
        let ll alpha = nf * lnTruncatedNorm alpha xmin xmax - alpha * sumLog
        let struct (lo, hi) = truncatedRange
        let alpha = Brent.minimize (fun a -> -ll a) lo hi 1e-10
        { Alpha = alpha; AlphaSe = seFromCurvature ll alpha; LogLikelihood = ll alpha }

/// Discrete MLE (exact Hurwitz or finite-sum likelihood) for n integers with sum of logs sumLog on {xmin..xmax}.
let discrete (n: int) (sumLog: float) (xmin: float) (xmax: float) : ExponentFit =
    let nf = float n
    if Double.IsPositiveInfinity xmax then
        let ll alpha = -nf * log (HurwitzZeta.derivativesCore alpha xmin |> fun struct (z, _, _) -> z) - alpha * sumLog
        let struct (lo, hi) = untruncatedRange
        let alpha = Brent.minimize (fun a -> -ll a) lo hi 1e-10
        let struct (z, z1, z2) = HurwitzZeta.derivativesCore alpha xmin
        let info = nf * (z2 / z - (z1 / z) * (z1 / z))
        { Alpha = alpha; AlphaSe = 1.0 / sqrt info; LogLikelihood = ll alpha }
    else
        let ll alpha = -nf * log (HurwitzZeta.powerSumCore alpha xmin xmax) - alpha * sumLog
        let struct (lo, hi) = truncatedRange
        let alpha = Brent.minimize (fun a -> -ll a) lo hi 1e-10
        { Alpha = alpha; AlphaSe = seFromCurvature ll alpha; LogLikelihood = ll alpha }

/// Continuous model CDF P(X <= x) on [xmin, xmax] (xmax may be +infinity, then alpha > 1).
let continuousCdf (alpha: float) (xmin: float) (xmax: float) (x: float) : float =
    let e = 1.0 - alpha
    if Double.IsPositiveInfinity xmax then -expm1 (e * log (x / xmin))
    elif e = 0.0 then log (x / xmin) / log (xmax / xmin)
    else expm1 (e * log (x / xmin)) / expm1 (e * log (xmax / xmin))

/// Discrete model CDF P(X <= x) on {xmin..xmax} for integer x >= xmin (xmax may be +infinity, then alpha > 1).
let discreteCdf (alpha: float) (xmin: float) (xmax: float) (x: float) : float =
    if Double.IsPositiveInfinity xmax then
        let struct (z0, _, _) = HurwitzZeta.derivativesCore alpha xmin
        let struct (z1, _, _) = HurwitzZeta.derivativesCore alpha (x + 1.0)
        1.0 - z1 / z0
    elif x >= xmax then 1.0
    else HurwitzZeta.powerSumCore alpha xmin x / HurwitzZeta.powerSumCore alpha xmin xmax

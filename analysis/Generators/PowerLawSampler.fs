/// Exact power-law samplers, seeded through a RandomCursor (theory.md §6.1, §6.2, §6.6):
/// continuous by inverse transform; discrete by rejection from the floor of a continuous power law (Devroye 1986,
/// ch. X.6, generalized to any xmin and to truncation), which is exact.
module Dip.Analysis.Generators.PowerLawSampler

open System
open Dip.Engine.Random
open Dip.Analysis.PowerLaw

let private check (alpha: float) (xmin: float) (xmax: float) (count: int) =
    if Double.IsNaN alpha || Double.IsInfinity alpha then invalidArg (nameof alpha) $"alpha must be finite, got {alpha}"
    if not (xmin > 0.0) || Double.IsInfinity xmin then invalidArg (nameof xmin) $"xmin must be finite and > 0, got {xmin}"
    if not (xmax > xmin) then invalidArg (nameof xmax) $"xmax must be > xmin (or +infinity), got {xmax}"
    if Double.IsPositiveInfinity xmax && not (alpha > 1.0) then
        invalidArg (nameof alpha) $"alpha must be > 1 without xmax, got {alpha}"
    if count < 0 then invalidArg (nameof count) $"count must be >= 0, got {count}"

/// One continuous variate on [xmin, xmax] (xmax = +infinity: untruncated), unchecked.
let internal nextContinuous (cursor: RandomCursor) (alpha: float) (xmin: float) (xmax: float) =
    let u = cursor.NextDouble()
    let e = 1.0 - alpha
    if Double.IsPositiveInfinity xmax then xmin * Math.Pow(u, 1.0 / e)
    elif e = 0.0 then xmin * Math.Pow(xmax / xmin, u)
    else xmin * Math.Pow(1.0 + u * Likelihood.expm1 (e * log (xmax / xmin)), 1.0 / e)

/// r(x) = x^-alpha / integral_x^{x+1} t^-alpha dt, the target/proposal ratio of the discrete rejection sampler.
let private ratio (alpha: float) (x: float) =
    let e = 1.0 - alpha
    let l = Likelihood.log1p (1.0 / x)
    let integral = if e = 0.0 then l else Likelihood.expm1 (e * l) / e
    1.0 / (x * integral)

/// One discrete variate on {xmin..xmax} (integers; xmax = +infinity: untruncated), unchecked; bound = max r.
let internal nextDiscrete (cursor: RandomCursor) (alpha: float) (xmin: float) (xmax: float) (bound: float) =
    let mutable x = 0.0
    let mutable accepted = false
    while not accepted do
        x <- floor (nextContinuous cursor alpha xmin (xmax + 1.0))
        if x > xmax then x <- xmax // only reachable through rounding at the upper edge
        accepted <- cursor.NextDouble() * bound <= ratio alpha x
    x

let internal discreteBound (alpha: float) (xmin: float) (xmax: float) =
    if Double.IsPositiveInfinity xmax then ratio alpha xmin else max (ratio alpha xmin) (ratio alpha xmax)

/// count continuous power-law variates with exponent alpha on [xmin, xmax]; xmax = +infinity for the untruncated law
/// (then alpha > 1); any finite alpha when truncated. Returns an array of length count. Throws ArgumentException on bad
/// parameters.
[<CompiledName("Continuous")>]
let continuous (cursor: RandomCursor) (alpha: float) (xmin: float) (xmax: float) (count: int) : float[] =
    check alpha xmin xmax count
    Array.init count (fun _ -> nextContinuous cursor alpha xmin xmax)

/// count discrete power-law variates P(x) ~ x^-alpha on the integers {xmin..xmax} (xmin, xmax integers; xmax =
/// +infinity for the untruncated law, then alpha > 1). Exact (rejection). Returns an array of length count (integer
/// values as floats). Throws ArgumentException on bad parameters.
[<CompiledName("Discrete")>]
let discrete (cursor: RandomCursor) (alpha: float) (xmin: float) (xmax: float) (count: int) : float[] =
    check alpha xmin xmax count
    if xmin <> floor xmin || xmin < 1.0 then invalidArg (nameof xmin) $"xmin must be an integer >= 1, got {xmin}"
    if not (Double.IsPositiveInfinity xmax) && xmax <> floor xmax then
        invalidArg (nameof xmax) $"xmax must be an integer or +infinity, got {xmax}"
    let bound = discreteBound alpha xmin xmax
    Array.init count (fun _ -> nextDiscrete cursor alpha xmin xmax bound)

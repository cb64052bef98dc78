/// Exact power-law samplers (theory.md §6.1, §6.2, §6.6), public so that users can property-test their own
/// estimators. Each draws n values from one counter-based stream (seed, role Generator), so results depend only on the seed.
module Dip.Analysis.Generators.PowerLawSampler

open Dip.Engine.Random
open Dip.Analysis.Special

let private cursor (seed: uint64) = RandomCursor(RandomStream.For(seed, 0L, 0, StreamRole.Generator))

/// One continuous power-law variate on [xmin, infinity): xmin (1 - u)^(-1/(alpha - 1)).
let drawContinuous (c: RandomCursor) (alpha: float) (xmin: float) = xmin * (1.0 - c.NextDouble()) ** (-1.0 / (alpha - 1.0))

/// One continuous power-law variate on [a, b] (any real alpha): the inverse CDF of Deluca-Corral.
let drawContinuousTruncated (c: RandomCursor) (alpha: float) (a: float) (b: float) =
    let u = c.NextDouble()
    if abs (alpha - 1.0) < 1e-12 then a * (b / a) ** u
    else (u * b ** (1.0 - alpha) + (1.0 - u) * a ** (1.0 - alpha)) ** (1.0 / (1.0 - alpha))

/// One discrete power-law variate on {xmin, ...}: the smallest x with P(X >= x + 1) &lt; u, found by doubling then
/// bisection (CSN appendix D). survival(x) = P(X >= x).
let drawDiscrete (c: RandomCursor) (survival: float -> float) (xmin: float) =
    let u = c.NextDouble()
    let mutable lo, hi = xmin, xmin
    while survival (hi + 1.0) >= u && hi < 1e15 do
        lo <- hi + 1.0
        hi <- 2.0 * hi + 1.0
    while lo < hi do
        let mid = floor ((lo + hi) / 2.0)
        if survival (mid + 1.0) < u then hi <- mid else lo <- mid + 1.0
    lo

/// Continuous power law on [xmin, infinity). alpha > 1, xmin > 0.
[<CompiledName("Continuous")>]
let continuous (alpha: float) (xmin: float) (n: int) (seed: uint64) : float[] =
    if not (alpha > 1.0) then invalidArg (nameof alpha) $"alpha must be > 1, got {alpha}"
    if not (xmin > 0.0) then invalidArg (nameof xmin) $"xmin must be > 0, got {xmin}"
    let c = cursor seed
    Array.init n (fun _ -> drawContinuous c alpha xmin)

/// Continuous power law truncated to [a, b] (any real alpha).
[<CompiledName("ContinuousTruncated")>]
let continuousTruncated (alpha: float) (a: float) (b: float) (n: int) (seed: uint64) : float[] =
    if not (a > 0.0 && b > a) then invalidArg (nameof b) $"need 0 < a < b, got a = {a}, b = {b}"
    let c = cursor seed
    Array.init n (fun _ -> drawContinuousTruncated c alpha a b)

/// Discrete power law on {xmin, xmin+1, ...}, exact, from P(X >= x) = zeta(alpha, x)/zeta(alpha, xmin). alpha > 1,
/// integer xmin >= 1.
[<CompiledName("Discrete")>]
let discrete (alpha: float) (xmin: int) (n: int) (seed: uint64) : float[] =
    if not (alpha > 1.0) then invalidArg (nameof alpha) $"alpha must be > 1, got {alpha}"
    if xmin < 1 then invalidArg (nameof xmin) $"xmin must be >= 1, got {xmin}"
    let c = cursor seed
    let z = HurwitzZeta.value alpha (float xmin)
    Array.init n (fun _ -> drawDiscrete c (fun x -> HurwitzZeta.value alpha x / z) (float xmin))

/// Discrete power law truncated to {a..b} (any real alpha), exact, by inverting the cumulative sums (b - a <= 10^7).
[<CompiledName("DiscreteTruncated")>]
let discreteTruncated (alpha: float) (a: int) (b: int) (n: int) (seed: uint64) : float[] =
    if a < 1 || b < a || b - a > 10_000_000 then invalidArg (nameof b) $"need 1 <= a <= b with b - a <= 1e7, got a = {a}, b = {b}"
    let cumulative = Array.zeroCreate<float> (b - a + 1)
    let mutable s = 0.0
    for k in a .. b do
        s <- s + float k ** (-alpha)
        cumulative.[k - a] <- s
    let c = cursor seed
    Array.init n (fun _ ->
        let target = c.NextDouble() * s
        let mutable lo, hi = 0, cumulative.Length - 1
        while lo < hi do
            let mid = (lo + hi) / 2
            if cumulative.[mid] < target then lo <- mid + 1 else hi <- mid
        float (a + lo))

/// Galton–Watson branching processes started from one individual (theory.md §7), as avalanches: generation k of the
/// tree is layer k, the profile is Z_0 = 1, Z_1, ..., Z_{D-1}, the duration D = min{n >= 1 : Z_n = 0} and the size
/// S = sum of the profile (total progeny including the root).
module Dip.Analysis.Generators.Branching

open System
open Dip.Engine.Avalanches
open Dip.Engine.Random

/// Offspring law of one individual; each case is parameterised by its mean m (critical at m = 1).
[<RequireQualifiedAccess>]
type Offspring =
    /// Poisson(m) children (variance m).
    | Poisson of mean: float
    /// Geometric on {0, 1, ...}: P(k) = p (1 - p)^k with p = 1 / (1 + m); m = 1 gives p_k = 2^-(k+1) (variance 2).
    | Geometric of mean: float
    /// 0 or 2 children, two with probability m / 2 (m in [0, 2]; variance 1 at m = 1).
    | Binary of mean: float

/// Layer tag of the Generator streams used by this module (stream = (seed, avalanche index, this tag, Generator)).
[<Literal>]
let StreamLayer = 1

let private smallPoisson (cursor: RandomCursor) (mu: float) =
    // Inversion from 0 (mu <= 10, so exp(-mu) is far from underflow).
    let u = cursor.NextDouble()
    let mutable k = 0L
    let mutable p = exp -mu
    let mutable cdf = p
    while u > cdf && p > 0.0 do
        k <- k + 1L
        p <- p * mu / float k
        cdf <- cdf + p
    k

let private largePoisson (cursor: RandomCursor) (mu: float) =
    // PTRS transformed rejection, Hörmann, Insurance: Math. Econ. 12, 39 (1993); exact for mu >= 10.
    let slam = sqrt mu
    let loglam = log mu
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invalpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2.0)
    let mutable result = -1L
    while result < 0L do
        let u = cursor.NextDouble() - 0.5
        let v = cursor.NextDouble()
        let us = 0.5 - abs u
        let k = floor ((2.0 * a / us + b) * u + mu + 0.43)
        if us >= 0.07 && v <= vr then result <- int64 k
        elif k >= 0.0 && not (us < 0.013 && v > us) then
            let lhs = log v + log invalpha - log (a / (us * us) + b)
            let rhs = -mu + k * loglam - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1.0)
            if lhs <= rhs then result <- int64 k
    result

/// A Poisson(mu) variate (mu >= 0) read from cursor: inversion for mu < 10, PTRS rejection above.
let poisson (cursor: RandomCursor) (mu: float) : int64 =
    if not (mu >= 0.0) || Double.IsInfinity mu then
        raise (ArgumentException($"mu must be finite and >= 0, got {mu}", nameof mu))
    if mu = 0.0 then 0L elif mu < 10.0 then smallPoisson cursor mu else largePoisson cursor mu

/// Total number of children of z individuals.
let private children (offspring: Offspring) (cursor: RandomCursor) (z: int64) =
    match offspring with
    | Offspring.Poisson m -> poisson cursor (m * float z)
    | Offspring.Geometric m ->
        let logq = log (m / (1.0 + m))
        let mutable total = 0L
        for _ in 1L .. z do
            total <- total + int64 (floor (log (cursor.NextDouble()) / logq))
        total
    | Offspring.Binary m ->
        let p2 = m / 2.0
        let mutable total = 0L
        for _ in 1L .. z do
            if cursor.NextDouble() < p2 then total <- total + 2L
        total

let private validate (offspring: Offspring) (maxGenerations: int option) =
    let mean, upper =
        match offspring with
        | Offspring.Poisson m -> m, Double.MaxValue
        | Offspring.Geometric m -> m, Double.MaxValue
        | Offspring.Binary m -> m, 2.0
    if not (mean >= 0.0 && mean <= upper) then
        raise (ArgumentException($"offspring mean must be in [0, {upper}], got {mean}", nameof offspring))
    match maxGenerations with
    | Some g when g < 1 -> raise (ArgumentException($"maxGenerations must be >= 1, got {g}", nameof maxGenerations))
    | _ -> ()

let private treeUnchecked offspring (maxGenerations: int option) (seed: uint64) (index: int64) =
    let cursor = RandomCursor(RandomStream.For(seed, index, StreamLayer, StreamRole.Generator))
    let limit = defaultArg maxGenerations Int32.MaxValue
    let profile = ResizeArray<float>()
    let mutable z = 1L
    while z > 0L && profile.Count < limit do
        profile.Add(float z)
        z <- children offspring cursor z
    let p = profile.ToArray()
    Avalanche(index, 0, p.Length, Array.sum p, z > 0L, p)

/// One tree, from stream (seed, index, StreamLayer, Generator); Trial = index, Start = 0. With maxGenerations = Some G the
/// tree is stopped after G generations: if Z_G > 0 it is returned censored with D = G and S = Z_0 + ... + Z_{G-1}.
/// Throws ArgumentException for a mean outside the law's range, G < 1, or index outside [0, RandomStream.MaxTrial].
let tree (offspring: Offspring) (maxGenerations: int option) (seed: uint64) (index: int64) : Avalanche =
    validate offspring maxGenerations
    treeUnchecked offspring maxGenerations seed index

/// Trees with indices 0 .. count-1 (result length count), computed in parallel; element i equals tree ... seed i, so the
/// result does not depend on scheduling. Off-critical supercritical laws need maxGenerations (else they may not stop).
/// Throws ArgumentException as tree does, and for count < 0.
let sample (offspring: Offspring) (maxGenerations: int option) (seed: uint64) (count: int) : Avalanche[] =
    validate offspring maxGenerations
    if count < 0 then raise (ArgumentException($"count must be >= 0, got {count}", nameof count))
    Array.Parallel.init count (fun i -> treeUnchecked offspring maxGenerations seed (int64 i))

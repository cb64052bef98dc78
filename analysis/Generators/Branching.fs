/// Galton-Watson branching processes as avalanche generators (theory.md §7): Z_0 = 1, Z_(k+1) = sum of Z_k i.i.d.
/// offspring counts; size S = total progeny including the root, duration D = min{n >= 1 : Z_n = 0}, profile Z_0..Z_(D-1).
/// Critical Poisson(1) offspring gives mean-field DP exponents (3/2, 2, 2) and a parabolic mean shape. Avalanche i uses
/// stream (seed, i, 0, Generator), so the output does not depend on threads.
module Dip.Analysis.Generators.Branching

open Dip.Engine.Random
open Dip.Engine.Avalanches

/// Offspring laws.
type Offspring =
    /// Poisson(mean): variance = mean; critical at mean 1.
    | Poisson of mean: float
    /// Geometric on {0, 1, ...} with P(k) = (1 - p) p^k: mean p/(1 - p); critical at p = 1/2 (variance 2). Sampled one
    /// individual at a time, so an avalanche costs O(S): bound maxGenerations accordingly.
    | Geometric of p: float
    /// Zero or two children, two with probability p: mean 2p, variance 4p(1 - p); critical at p = 1/2 (variance 1), where
    /// P(S = 2k + 1) = C_k / 2^(2k+1) (Catalan numbers). Sampled one individual at a time, like Geometric.
    | Binary of p: float

let private children (c: RandomCursor) (offspring: Offspring) (parents: int64) =
    match offspring with
    | Poisson m -> Poisson.sample c (m * float parents)
    | Geometric p ->
        let mutable total = 0L
        for _ in 1L .. parents do
            while c.NextDouble() < p do total <- total + 1L
        total
    | Binary p ->
        let mutable total = 0L
        for _ in 1L .. parents do
            if c.NextDouble() < p then total <- total + 2L
        total

/// One avalanche; processes alive after maxGenerations generations are returned censored with D = maxGenerations.
[<CompiledName("Avalanche")>]
let avalanche (offspring: Offspring) (maxGenerations: int) (seed: uint64) (index: int64) : Avalanche =
    let c = RandomCursor(RandomStream.For(seed, index, 0, StreamRole.Generator))
    let profile = ResizeArray<float>()
    let mutable z = 1L
    while z > 0L && profile.Count < maxGenerations do
        profile.Add(float z)
        z <- children c offspring z
    let sizes = profile.ToArray()
    Avalanche(index, 0, sizes.Length, Array.sum sizes, z > 0L, sizes)

/// n avalanches (indices 0..n-1), generated in parallel.
[<CompiledName("Avalanches")>]
let avalanches (offspring: Offspring) (maxGenerations: int) (n: int) (seed: uint64) : Avalanche[] =
    if maxGenerations < 1 then invalidArg (nameof maxGenerations) $"maxGenerations must be >= 1, got {maxGenerations}"
    Array.Parallel.init n (fun i -> avalanche offspring maxGenerations seed (int64 i))

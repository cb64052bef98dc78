/// Random-walk excursions as avalanche generators (theory.md §7, free-BM class (4/3, 3/2, 3/2), semicircular shape):
/// a walk with i.i.d. standard normal steps from X_0 = 0, conditioned on a positive first step; the avalanche is the run
/// X_1, ..., X_D > 0 before the first step below zero. By Sparre Andersen's theorem P(D >= n) = 2 C(2n, n) / 4^n exactly.
/// Size S = sum of X_t, profile X_1..X_D. Avalanche i uses stream (seed, i, 0, Generator).
module Dip.Analysis.Generators.RandomWalk

open Dip.Engine.Random
open Dip.Engine.Avalanches

/// One excursion; walks still positive after maxSteps are returned censored with D = maxSteps.
[<CompiledName("Excursion")>]
let excursion (maxSteps: int) (seed: uint64) (index: int64) : Avalanche =
    let c = RandomCursor(RandomStream.For(seed, index, 0, StreamRole.Generator))
    let profile = ResizeArray<float>()
    let mutable x = abs (c.NextNormal())
    while x > 0.0 && profile.Count < maxSteps do
        profile.Add x
        x <- x + c.NextNormal()
    let p = profile.ToArray()
    Avalanche(index, 0, p.Length, Array.sum p, x > 0.0, p)

/// n excursions (indices 0..n-1), generated in parallel.
[<CompiledName("Excursions")>]
let excursions (maxSteps: int) (n: int) (seed: uint64) : Avalanche[] =
    if maxSteps < 1 then invalidArg (nameof maxSteps) $"maxSteps must be >= 1, got {maxSteps}"
    Array.Parallel.init n (fun i -> excursion maxSteps seed (int64 i))

/// One simple symmetric (+-1 steps) excursion (theory.md §7): X_0 = 0, first step up, stopped at the first return T to 0.
/// The avalanche is the run X_1 .. X_(T-1) >= 1: D = T - 1 (odd), size S = sum of X_t, profile X_1..X_(T-1), and
/// P(D = 2n - 1) = C(2n, n) / ((2n - 1) 4^n). Walks still positive after maxSteps values are returned censored with
/// D = maxSteps. Uses stream (seed, index, 0, Generator), one bit per step.
[<CompiledName("LatticeExcursion")>]
let latticeExcursion (maxSteps: int) (seed: uint64) (index: int64) : Avalanche =
    let c = RandomCursor(RandomStream.For(seed, index, 0, StreamRole.Generator))
    let profile = ResizeArray<float>()
    let mutable x = 1L
    let mutable bits = 0u
    let mutable left = 0
    while x > 0L && profile.Count < maxSteps do
        profile.Add(float x)
        if left = 0 then
            bits <- c.NextUInt32()
            left <- 32
        x <- x + (if bits &&& 1u = 1u then 1L else -1L)
        bits <- bits >>> 1
        left <- left - 1
    let p = profile.ToArray()
    Avalanche(index, 0, p.Length, Array.sum p, x > 0L, p)

/// n simple symmetric excursions (indices 0..n-1), generated in parallel. Throws ArgumentException for maxSteps < 1.
[<CompiledName("LatticeExcursions")>]
let latticeExcursions (maxSteps: int) (n: int) (seed: uint64) : Avalanche[] =
    if maxSteps < 1 then invalidArg (nameof maxSteps) $"maxSteps must be >= 1, got {maxSteps}"
    Array.Parallel.init n (fun i -> latticeExcursion maxSteps seed (int64 i))

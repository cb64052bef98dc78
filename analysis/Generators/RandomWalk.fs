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

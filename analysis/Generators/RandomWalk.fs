/// Simple symmetric random-walk excursions (theory.md §7, free-BM class: tau_s = 4/3, tau_d = 3/2, gamma = 3/2).
/// The walk starts at X_0 = 0 and stops at its first return T = min{t >= 1 : X_t = 0}. As an avalanche (activity |X_t|
/// above threshold 0) it is the run t = 1 .. T-1: duration D = T - 1 (odd, >= 1), profile |X_1| .. |X_{T-1}|,
/// size S = sum_t |X_t|. Hence P(D = 2n - 1) = P(T = 2n) = C(2n, n) / ((2n - 1) 4^n).
module Dip.Analysis.Generators.RandomWalk

open System
open Dip.Engine.Avalanches
open Dip.Engine.Random

/// Layer tag of the Generator streams used by this module (stream = (seed, index, this tag, Generator)).
[<Literal>]
let StreamLayer = 2

let private excursionUnchecked (maxDuration: int option) (seed: uint64) (index: int64) =
    let cursor = RandomCursor(RandomStream.For(seed, index, StreamLayer, StreamRole.Generator))
    let limit = defaultArg maxDuration Int32.MaxValue
    let profile = ResizeArray<float>()
    // By symmetry |X| is the walk started at 1 after the first step; one random bit per later step.
    let mutable x = 1L
    let mutable bits = 0u
    let mutable left = 0
    while x > 0L && profile.Count < limit do
        profile.Add(float x)
        if left = 0 then
            bits <- cursor.NextUInt32()
            left <- 32
        x <- x + (if bits &&& 1u = 1u then 1L else -1L)
        bits <- bits >>> 1
        left <- left - 1
    let p = profile.ToArray()
    Avalanche(index, 1, p.Length, Array.sum p, x > 0L, p)

let private validate (maxDuration: int option) =
    match maxDuration with
    | Some g when g < 1 -> raise (ArgumentException($"maxDuration must be >= 1, got {g}", nameof maxDuration))
    | _ -> ()

/// One excursion from stream (seed, index, StreamLayer, Generator); Trial = index, Start = 1. With maxDuration = Some G
/// a walk still positive after G values is returned censored with D = G. Throws ArgumentException for G < 1.
let excursion (maxDuration: int option) (seed: uint64) (index: int64) : Avalanche =
    validate maxDuration
    excursionUnchecked maxDuration seed index

/// Excursions with indices 0 .. count-1 (result length count), in parallel; element i equals excursion ... seed i.
/// Throws ArgumentException for count < 0 or maxDuration < 1.
let sample (maxDuration: int option) (seed: uint64) (count: int) : Avalanche[] =
    validate maxDuration
    if count < 0 then raise (ArgumentException($"count must be >= 0, got {count}", nameof count))
    Array.Parallel.init count (fun i -> excursionUnchecked maxDuration seed (int64 i))

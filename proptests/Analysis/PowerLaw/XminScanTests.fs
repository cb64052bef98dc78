module Dip.PropTests.Analysis.PowerLaw.XminScanTests

open System
open NUnit.Framework
open Dip.Engine.Random
open Dip.Analysis.PowerLaw
open Dip.Analysis.Generators

/// Body uniform below x_min (integers for discrete data), power-law tail above it; half the points each.
let private mixture (discrete: bool) (seed: uint64) (n: int) (alpha: float) (xmin: int) (xmax: float option) =
    let c = RandomCursor(RandomStream.For(seed, 0L, 0, StreamRole.Generator))
    let tail =
        match discrete, xmax with
        | true, None -> PowerLawSampler.discrete alpha xmin (n / 2) seed
        | true, Some b -> PowerLawSampler.discreteTruncated alpha xmin (int b) (n / 2) seed
        | false, None -> PowerLawSampler.continuous alpha (float xmin) (n / 2) seed
        | false, Some b -> PowerLawSampler.continuousTruncated alpha (float xmin) b (n / 2) seed
    let body = Array.init (n - n / 2) (fun _ -> if discrete then float (1 + c.NextInt(xmin - 1)) else 1.0 + float (xmin - 1) * c.NextDouble())
    Array.append body tail

/// The plain reference: every distinct value leaving >= 50 points, each tail fitted from scratch by
/// Continuous/Discrete.fitTail (tail copied, logs summed, KS over every point), smallest KS kept.
let private bruteForce (discrete: bool) (xmax: float option) (data: float[]) =
    let sorted = data |> Array.filter (fun x -> xmax.IsNone || x <= xmax.Value) |> Array.sort
    [| for i in 0 .. sorted.Length - 50 do
         if i = 0 || sorted[i] <> sorted[i - 1] then
             let tail = sorted[i..]
             yield if discrete then Discrete.fitTail tail sorted[i] xmax data.Length else Continuous.fitTail tail sorted[i] xmax data.Length |]
    |> Array.minBy (fun f -> f.Ks)

[<TestCase(false, 0.0, 1UL)>]
[<TestCase(true, 0.0, 2UL)>]
[<TestCase(false, 300.0, 3UL)>]
[<TestCase(true, 300.0, 4UL)>]
let ``fast scan with an exhaustive grid equals the brute-force reference`` (discrete: bool, xmaxOrZero: float, seed: uint64) =
    let xmax = if xmaxOrZero = 0.0 then None else Some xmaxOrZero
    let data = mixture discrete seed 1200 2.2 6 xmax
    let reference = bruteForce discrete xmax data
    let fit = Fit.fit { Fit.defaults with Discrete = Some discrete; Xmax = xmax; MaxCandidates = 100_000 } data
    Assert.That(fit.Xmin, Is.EqualTo reference.Xmin)
    Assert.That(fit.Ks, Is.EqualTo(reference.Ks).Within(1e-10))
    Assert.That(fit.Alpha, Is.EqualTo(reference.Alpha).Within(1e-7))
    Assert.That(fit.NTail, Is.EqualTo reference.NTail)

[<TestCase(false, 5UL)>]
[<TestCase(true, 6UL)>]
let ``coarse-to-fine scan finds the exhaustive minimum on a body + tail mixture`` (discrete: bool, seed: uint64) =
    let data = mixture discrete seed 20_000 2.5 20 None
    let exhaustive = Fit.fit { Fit.defaults with Discrete = Some discrete; MaxCandidates = 1_000_000 } data
    let coarse = Fit.fit { Fit.defaults with Discrete = Some discrete; MaxCandidates = 8 } data
    Assert.That(coarse.Xmin, Is.EqualTo exhaustive.Xmin)
    Assert.That(coarse.Ks, Is.EqualTo exhaustive.Ks)

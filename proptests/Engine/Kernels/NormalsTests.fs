module Dip.PropTests.Engine.Kernels.NormalsTests

open System
open NUnit.Framework
open Dip.Engine.Random
open Dip.Engine.Numerics

let private stream = RandomStream.For(20261123UL, 7L, 3, StreamRole.Weights)

/// Starts: aligned, unaligned inside a chunk, and just below the 2^32 block boundary (carry into the high counter word).
let starts : obj[] list =
    [ 0UL; 1UL; 3UL; 17UL; 63UL; 64UL; 1001UL; (1UL <<< 34) - 37UL; 0x1234_5678_9ABCUL ] |> List.map (fun s -> [| box s |])

[<TestCaseSource(nameof starts)>]
let ``float normals match the scalar reference for every length 0..300`` (start: uint64) =
    for length in 0 .. 300 do
        let fast = Array.zeroCreate<float32> length
        let slow = Array.zeroCreate<float32> length
        Normals.Fill(stream, start, Span fast)
        NormalsReference.Fill(stream, start, Span slow)
        for i in 0 .. length - 1 do
            // the reference rounds 2 pi u to float before cos/sin: up to 2.4e-7 of angle times |r| <= 5.9
            let tolerance = 2e-6f
            if abs (fast[i] - slow[i]) > tolerance then
                Assert.Fail(sprintf "start %d length %d index %d: %g vs reference %g" start length i fast[i] slow[i])

[<TestCaseSource(nameof starts)>]
let ``double normals match the scalar reference for every length 0..300`` (start: uint64) =
    for length in 0 .. 300 do
        let fast = Array.zeroCreate<float> length
        let slow = Array.zeroCreate<float> length
        Normals.Fill(stream, start, Span fast)
        NormalsReference.Fill(stream, start, Span slow)
        for i in 0 .. length - 1 do
            if abs (fast[i] - slow[i]) > 1e-13 then
                Assert.Fail(sprintf "start %d length %d index %d: %g vs reference %g" start length i fast[i] slow[i])

[<Test>]
let ``a uniform that rounds to 1 gives radius 0 as in the reference, not NaN`` () =
    // Normals 498 and 499 of this stream come from u0 = 1 in float (found by a Langevin-vs-exact test that diverged).
    let s = RandomStream.For(31UL, 215L, 11, StreamRole.Exact)
    let fast = Array.zeroCreate<float32> 512
    let slow = Array.zeroCreate<float32> 512
    Normals.Fill(s, 0UL, Span fast)
    NormalsReference.Fill(s, 0UL, Span slow)
    Assert.That((slow[498], slow[499]), Is.EqualTo((0.0f, 0.0f)), "the reference's radius is 0 here")
    for i in 496 .. 503 do
        Assert.That(Single.IsFinite fast[i], $"normal {i} = {fast[i]}")
        Assert.That(abs (fast[i] - slow[i]), Is.LessThan 2e-6f, $"normal {i}")

[<Test>]
let ``float normals agree with the reference over a long span`` () =
    let n = 1 <<< 16
    let fast = Array.zeroCreate<float32> n
    let slow = Array.zeroCreate<float32> n
    Normals.Fill(stream, 5UL, Span fast)
    NormalsReference.Fill(stream, 5UL, Span slow)
    let worst = Seq.init n (fun i -> abs (fast[i] - slow[i])) |> Seq.max
    Assert.That(worst, Is.LessThanOrEqualTo 2e-6f)

let private phi (x: float) = 0.5 * (1.0 + ErrorFunction.Erf(x / sqrt 2.0))

/// Moments and KS of n normals, with tolerances of 5 standard errors (mean 1/sqrt n, variance sqrt(2/n),
/// excess kurtosis sqrt(24/n)) and the KS statistic against sqrt(n) D < 1.95 (p about 0.001).
let private checkStandardNormal (values: float[]) =
    let n = float values.Length
    let mean = Array.average values
    let variance = values |> Array.averageBy (fun x -> (x - mean) ** 2.0)
    let kurtosis = (values |> Array.averageBy (fun x -> (x - mean) ** 4.0)) / (variance * variance) - 3.0
    Assert.That(abs mean, Is.LessThan(5.0 / sqrt n), "mean")
    Assert.That(abs (variance - 1.0), Is.LessThan(5.0 * sqrt (2.0 / n)), "variance")
    Assert.That(abs kurtosis, Is.LessThan(5.0 * sqrt (24.0 / n)), "excess kurtosis")
    let sorted = Array.sort values
    let mutable d = 0.0
    for i in 0 .. sorted.Length - 1 do
        let f = phi sorted[i]
        d <- max d (max (abs (f - float i / n)) (abs (float (i + 1) / n - f)))
    Assert.That(sqrt n * d, Is.LessThan 1.95, "Kolmogorov-Smirnov")

[<Test>]
let ``float normals are standard normal (moments, KS)`` () =
    let values = Array.zeroCreate<float32> (1 <<< 18)
    Normals.Fill(RandomStream.For(99UL, 0L, 0, StreamRole.Input), 0UL, Span values)
    checkStandardNormal (values |> Array.map float)

[<Test>]
let ``double normals are standard normal (moments, KS)`` () =
    let values = Array.zeroCreate<float> (1 <<< 18)
    Normals.Fill(RandomStream.For(99UL, 1L, 0, StreamRole.Input), 0UL, Span values)
    checkStandardNormal values

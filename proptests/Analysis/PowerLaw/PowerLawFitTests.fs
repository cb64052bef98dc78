module Dip.PropTests.Analysis.PowerLaw.PowerLawFitTests

open System
open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open Dip.Engine.Random
open Dip.Analysis.PowerLaw
open Dip.Analysis.Generators

let private cursor seed trial = RandomCursor(RandomStream.For(seed, trial, 0, StreamRole.Generator))
let private continuousOpts = PowerLaw.FitOptions.Default
let private discreteOpts = { PowerLaw.FitOptions.Default with Discrete = true }

/// Body uniform below the planted x_min, power-law tail above it (half the points each).
let private mixture (discrete: bool) (trial: int64) (n: int) (alpha: float) (xmin: float) =
    let c = cursor 21UL trial
    let tail =
        if discrete then PowerLawSampler.discrete c alpha xmin infinity (n / 2)
        else PowerLawSampler.continuous c alpha xmin infinity (n / 2)
    let body = Array.init (n - n / 2) (fun _ -> if discrete then float (1 + c.NextInt(int xmin - 1)) else 1.0 + (xmin - 1.0) * c.NextDouble())
    Array.append body tail

[<Test>]
let ``continuous scan finds the planted x_min and alpha`` () =
    let fit = PowerLaw.fit continuousOpts (mixture false 1L 10_000 2.5 10.0)
    Assert.That(fit.Xmin, Is.InRange(8.0, 12.5))
    Assert.That(fit.Alpha, Is.EqualTo(2.5).Within(4.0 * fit.AlphaSe))
    Assert.That(fit.N, Is.EqualTo 10_000)

[<Test>]
let ``discrete scan finds the planted x_min and alpha`` () =
    let fit = PowerLaw.fit discreteOpts (mixture true 2L 10_000 2.2 8.0)
    Assert.That(fit.Xmin, Is.InRange(7.0, 10.0))
    Assert.That(fit.Alpha, Is.EqualTo(2.2).Within(4.0 * fit.AlphaSe))

[<Test>]
let ``fixed x_min and x_max give the truncated likelihood fit`` () =
    let xs = PowerLawSampler.discrete (cursor 4UL 0L) 1.5 2.0 60.0 3000
    let fit = PowerLaw.fit { discreteOpts with Xmin = Some 2.0; Xmax = Some 60.0 } xs
    Assert.That(fit.NTail, Is.EqualTo 3000)
    Assert.That(fit.Alpha, Is.EqualTo(1.5).Within(4.0 * fit.AlphaSe))
    Assert.That(fit.Xmax, Is.EqualTo(Some 60.0))

let private sample =
    gen {
        let! a = Gen.choose (0, 1000)
        let! xm = Gen.choose (1, 1000)
        let! n = Gen.choose (100, 150)
        let! seed = Gen.choose (0, Int32.MaxValue)
        let! scale = Gen.choose (1, 10_000)
        let alpha = 1.5 + 2.0 * float a / 1000.0
        let xs = PowerLawSampler.continuous (cursor (uint64 seed) 0L) alpha (float xm / 10.0) infinity n
        return alpha, float xm / 10.0, xs, float scale / 100.0, seed
    } |> Arb.fromGen

[<Property(Replay = "31415,92653", MaxTest = 60)>]
let ``scale invariance: data * c moves x_min by c and keeps alpha`` () =
    Prop.forAll sample (fun (_, _, xs, c, _) ->
        let f1 = PowerLaw.fit continuousOpts xs
        let f2 = PowerLaw.fit continuousOpts (xs |> Array.map (fun x -> x * c))
        abs (f2.Xmin - c * f1.Xmin) <= 1e-9 * f2.Xmin && abs (f2.Alpha - f1.Alpha) <= 1e-9 * f1.Alpha && f1.NTail = f2.NTail)

[<Property(Replay = "27182,81829", MaxTest = 60)>]
let ``permutation invariance`` () =
    Prop.forAll sample (fun (_, _, xs, _, seed) ->
        let c = cursor (uint64 seed) 1L
        let shuffled = Array.copy xs
        for i in shuffled.Length - 1 .. -1 .. 1 do
            let j = c.NextInt(i + 1)
            let t = shuffled[i]
            shuffled[i] <- shuffled[j]
            shuffled[j] <- t
        PowerLaw.fit discreteOpts (Array.map ceil xs) = PowerLaw.fit discreteOpts (Array.map ceil shuffled)
        && PowerLaw.fit continuousOpts xs = PowerLaw.fit continuousOpts shuffled)

[<Property(Replay = "16180,33989", MaxTest = 100)>]
let ``continuous MLE recovers alpha at fixed x_min (4.5 exact SE)`` () =
    Prop.forAll sample (fun (alpha, xmin, xs, _, _) ->
        let fit = PowerLaw.fit { continuousOpts with Xmin = Some xmin } xs
        let n = float xs.Length
        let mean = 1.0 + (alpha - 1.0) * n / (n - 1.0)
        let sd = (alpha - 1.0) * n / ((n - 1.0) * sqrt (n - 2.0))
        abs (fit.Alpha - mean) <= 4.5 * sd)

[<Test>]
let ``bad data throws naming index and value`` () =
    let ex = Assert.Throws<ArgumentException>(fun () -> PowerLaw.fit continuousOpts [| 1.0; 2.0; -3.0 |] |> ignore)
    Assert.That(ex.ParamName, Is.EqualTo "data")
    Assert.That(ex.Message, Does.Contain "data[2] = -3")
    Assert.Throws<ArgumentException>(fun () -> PowerLaw.fit discreteOpts [| 1.0; 2.5 |] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> PowerLaw.fit continuousOpts [| 1.0; nan |] |> ignore) |> ignore
    Assert.Throws<ArgumentException>(fun () -> PowerLaw.fit continuousOpts [| 1.0; 2.0 |] |> ignore) |> ignore

[<Test>]
let ``bootstrap p is not small for a true power law`` () =
    let xs = PowerLawSampler.discrete (cursor 8UL 0L) 2.5 1.0 infinity 1000
    let fit = PowerLaw.fit discreteOpts xs
    let p = PowerLaw.bootstrapPValue discreteOpts xs fit 100 99UL
    Assert.That(p, Is.GreaterThan 0.1)
    Assert.That(PowerLaw.bootstrapPValue discreteOpts xs fit 100 99UL, Is.EqualTo p)

[<Test>]
let ``bootstrap p is small for exponential and log-normal data`` () =
    let c = cursor 9UL 0L
    let expo = Array.init 2000 (fun _ -> 1.0 + c.NextExponential())
    let logn = Array.init 2000 (fun _ -> exp (2.0 + 0.5 * c.NextNormal()))
    for xs in [ expo; logn ] do
        let fit = PowerLaw.fit continuousOpts xs
        Assert.That(PowerLaw.bootstrapPValue continuousOpts xs fit 100 7UL, Is.LessThanOrEqualTo 0.05)

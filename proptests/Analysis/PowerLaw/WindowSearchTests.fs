module Dip.PropTests.Analysis.PowerLaw.WindowSearchTests

open NUnit.Framework
open Dip.Engine.Random
open Dip.Analysis.PowerLaw
open Dip.Analysis.Generators

let private options = { WindowSearch.WindowOptions.Default with Samples = 200; Ends = 16; Seed = 5UL }

[<Test>]
let ``a truncated discrete power law is accepted on a wide window with the planted exponent`` () =
    let data = PowerLawSampler.discreteTruncated 1.5 1 200 3000 11UL
    match WindowSearch.search true options data with
    | None -> Assert.Fail "no window accepted"
    | Some r ->
        Assert.That(r.PValue, Is.GreaterThanOrEqualTo 0.2)
        Assert.That(r.Fit.Alpha, Is.EqualTo(1.5).Within(4.0 * r.Fit.AlphaSe))
        Assert.That(r.Fit.NTail, Is.GreaterThan 1500)
        Assert.That(r.AlphaSd, Is.EqualTo(r.Fit.AlphaSe).Within(0.3 * r.Fit.AlphaSe))

[<Test>]
let ``the window excludes a non-power-law body and bump`` () =
    let c = RandomCursor(RandomStream.For(3UL, 0L, 0, StreamRole.Generator))
    let tail = PowerLawSampler.continuousTruncated 2.0 5.0 500.0 4000 12UL
    let body = Array.init 2000 (fun _ -> 1.0 + 4.0 * c.NextDouble())
    let bump = Array.init 1000 (fun _ -> 500.0 + 100.0 * c.NextDouble())
    match WindowSearch.search false options (Array.concat [ body; tail; bump ]) with
    | None -> Assert.Fail "no window accepted"
    | Some r ->
        Assert.That(r.Fit.Xmin, Is.GreaterThanOrEqualTo 3.5)
        Assert.That(r.Fit.Xmax.Value, Is.LessThanOrEqualTo 560.0)
        Assert.That(r.Fit.Alpha, Is.EqualTo(2.0).Within(4.0 * r.Fit.AlphaSe))

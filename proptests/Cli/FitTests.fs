/// `dip fit`: the JSON contract, agreement with the library, CSV columns, and bad input named by file and line.
module Dip.PropTests.Cli.FitTests

open System.IO
open NUnit.Framework
open Dip.PropTests.CliRunner
open Dip.Analysis.Generators
open Dip.Analysis.PowerLaw

let private writeLines (name: string) (lines: string seq) =
    let path = Path.Combine(tempDirectory (), name)
    File.WriteAllLines(path, lines)
    path

let private numbers (values: float[]) = values |> Array.map (fun v -> v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))

[<Test>]
let ``--json reports the library's fit of a plain-text file`` () =
    let data = PowerLawSampler.continuous 2.5 1.0 3000 7UL
    let input = writeLines "sizes.txt" (numbers data)
    let r = dip [ "fit"; "--input"; input; "--json" ]
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    let j = Dip.Cli.Infrastructure.Json.parse r.Out
    let expected = Fit.fit Fit.defaults data
    Assert.That(j["alpha"].GetValue<float>(), Is.EqualTo(expected.Alpha).Within(1e-12))
    Assert.That(j["alpha_se"].GetValue<float>(), Is.EqualTo(expected.AlphaSe).Within(1e-12))
    Assert.That(j["xmin"].GetValue<float>(), Is.EqualTo(expected.Xmin))
    Assert.That(j["n_tail"].GetValue<int>(), Is.EqualTo(expected.NTail))
    Assert.That(j["discrete"].GetValue<bool>(), Is.False)
    // The exact sampler's alpha is recovered within 4 standard errors.
    Assert.That(abs (expected.Alpha - 2.5), Is.LessThan(4.0 * expected.AlphaSe))

[<Test>]
let ``a CSV column of integers is fitted with the discrete law, and the bootstrap and comparisons are reported`` () =
    let data = PowerLawSampler.discrete 2.0 1 2000 11UL
    let input = writeLines "avalanches.csv" (Seq.append [ "trial,duration" ] (data |> Array.mapi (fun i d -> $"{i},{int d}")))
    let r = dip [ "fit"; "--input"; input; "--column"; "duration"; "--bootstrap"; "20"; "--compare"; "--json" ]
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    let j = Dip.Cli.Infrastructure.Json.parse r.Out
    Assert.That(j["discrete"].GetValue<bool>(), Is.True)
    let p = j["p_value"].GetValue<float>()
    Assert.That(p >= 0.0 && p <= 1.0, $"p = {p}")
    let alternatives = [ for c in j["comparisons"].AsArray() -> c["alternative"].GetValue<string>() ]
    Assert.That(alternatives.Length, Is.GreaterThanOrEqualTo 3)

[<Test>]
let ``bad values are named with file and line, exit 2`` () =
    let cases =
        [ writeLines "a.txt" [ "1.5"; "2.0"; "abc"; "3" ], "a.txt line 3"
          writeLines "b.txt" [ "1.5"; "-2"; "3" ], "b.txt line 2"
          writeLines "c.csv" [ "x,y"; "1,2" ], "no column 'size'" ]
    for path, message in cases do
        let args = if path.EndsWith ".csv" then [ "fit"; "--input"; path; "--column"; "size" ] else [ "fit"; "--input"; path ]
        let r = dip args
        Assert.That(r.ExitCode, Is.EqualTo 2, path)
        Assert.That(r.Err, Does.Contain message, path)

[<Test>]
let ``data the fit cannot support is bad input (exit 2), also when found inside the parallel xmin scan`` () =
    let input = writeLines "flat.txt" (List.replicate 200 "3")
    let r = dip [ "fit"; "--input"; input ]
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain "flat.txt")
    let bad = dip [ "fit"; "--input"; writeLines "d.txt" [ "1"; "2" ]; "--xmin"; "zero" ]
    Assert.That(bad.ExitCode, Is.EqualTo 2)
    Assert.That(bad.Err, Does.Contain("--xmin").And.Contain("zero"))

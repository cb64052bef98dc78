/// `dip crackling`: the JSON contract of issue #4, agreement with the library, profiles from activity files, bad input.
module Dip.PropTests.Cli.CracklingTests

open System.IO
open NUnit.Framework
open Dip.PropTests.CliRunner
open Dip.Analysis.Generators
open Dip.Analysis.Crackling

let private trees = lazy (Branching.avalanches (Branching.Poisson 1.0) 2000 20_000 51UL)

let private writeAvalanches (avalanches: Dip.Engine.Avalanches.Avalanche[]) =
    let path = Path.Combine(tempDirectory (), "avalanches.csv")
    use writer = new StreamWriter(path)
    Dip.Cli.Data.AvalancheCsv.writeHeader writer
    for a in avalanches do Dip.Cli.Data.AvalancheCsv.writeRow writer a
    path

let private json (r: CliResult) =
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    Dip.Cli.Infrastructure.Json.parse r.Out

[<Test>]
let ``--avalanches --json reports the contract keys with the library's values, and no collapse`` () =
    let input = writeAvalanches (trees.Force())
    let j = json (dip [ "crackling"; "--avalanches"; input; "--json" ])
    let expected = CracklingAnalysis.analyze CracklingAnalysis.defaults (Dip.Cli.Data.AvalancheCsv.read input)
    let number (key: string) = j[key].GetValue<float>()
    Assert.That(number "tau_s", Is.EqualTo(expected.TauS.Alpha).Within(1e-12))
    Assert.That(number "tau_s_se", Is.EqualTo(expected.TauS.AlphaSe).Within(1e-12))
    Assert.That(number "tau_d", Is.EqualTo(expected.TauD.Alpha).Within(1e-12))
    Assert.That(number "tau_d_se", Is.EqualTo(expected.TauD.AlphaSe).Within(1e-12))
    Assert.That(number "gamma_fit", Is.EqualTo(expected.GammaFit.Gamma).Within(1e-12))
    Assert.That(number "gamma_fit_se", Is.EqualTo(expected.GammaFit.GammaSe).Within(1e-12))
    Assert.That(number "gamma_pred", Is.EqualTo(expected.GammaPred).Within(1e-12))
    Assert.That(number "gamma_pred_se", Is.EqualTo(expected.GammaPredSe).Within(1e-12))
    Assert.That(j["n_avalanches"].GetValue<int>(), Is.EqualTo 20_000)
    let gammaRange, tauDRange = j["gamma_fit_range"], j["tau_d_range"]
    Assert.That(gammaRange["dmin"].GetValue<int>(), Is.EqualTo(expected.GammaFit.DMin))
    Assert.That(tauDRange["xmin"].GetValue<float>(), Is.EqualTo(expected.TauD.Xmin))
    Assert.That(isNull j["gamma_collapse"] && isNull j["shape"], Is.True)

[<Test>]
let ``--activity cuts avalanches with profiles and reports a parabolic collapse for critical branching`` () =
    let path = Path.Combine(tempDirectory (), "activity.csv")
    do
        use writer = new StreamWriter(path)
        writer.WriteLine "trial,layer,activity"
        for a in trees.Force() do
            Array.append a.Profile [| 0.0 |] |> Array.iteri (fun l v -> writer.WriteLine $"{a.Trial},{l},{v}")
    let j = json (dip [ "crackling"; "--activity"; path; "--threshold"; "0.5"; "--size"; "total"; "--json" ])
    Assert.That(j["n_avalanches"].GetValue<int>(), Is.EqualTo 20_000)
    Assert.That(j["shape"].GetValue<string>(), Is.EqualTo "parabola")
    Assert.That(j["gamma_collapse"].GetValue<float>(), Is.GreaterThan 1.5)
    Assert.That(isNull j["avalanche_definitions"], Is.False)
    let text = dip [ "crackling"; "--activity"; path; "--threshold"; "0.5"; "--size"; "total" ]
    Assert.That(text.ExitCode, Is.EqualTo 0, text.Err)
    Assert.That(text.Out, Does.Contain("gamma_collapse").And.Contain("parabola"))

let badCases : obj[][] =
    [| [| [| "crackling" |]; "exactly one of --activity" |]
       [| [| "crackling"; "--activity"; "a.csv"; "--avalanches"; "b.csv" |]; "exactly one of --activity" |]
       [| [| "crackling"; "--avalanches"; "AVALANCHES"; "--threshold"; "1" |]; "--threshold applies to --activity only" |] |]

[<TestCaseSource(nameof badCases)>]
let ``bad flag combinations exit 2 with a message naming the flags`` (args: string[], expected: string) =
    let input = writeAvalanches [||]
    let r = dip (args |> Array.map (fun a -> if a = "AVALANCHES" then input else a) |> List.ofArray)
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain expected)

[<Test>]
let ``too few avalanches exit 2 naming the file`` () =
    let input = writeAvalanches (trees.Force() |> Array.truncate 3)
    let r = dip [ "crackling"; "--avalanches"; input; "--json" ]
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain "avalanches.csv")
    Assert.That(r.Out, Is.Empty)

/// `dip reproduce tuning-universality --quick`: the files and keys of the issue's contract, the two classes told apart,
/// the report rendered by a real browser (headless Chromium), and bad input.
module Dip.PropTests.Cli.ReproduceTests

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions
open NUnit.Framework
open Dip.PropTests.CliRunner

/// One quick run shared by the tests below (about 10 s on 2 cores).
let private quickRun =
    lazy
        (let out = tempDirectory ()
         let r = dip [ "reproduce"; "tuning-universality"; "--quick"; "--out"; out ]
         Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
         out)

/// The node at a path of keys.
let private at (root: Text.Json.Nodes.JsonNode) (path: string list) = path |> List.fold (fun (n: Text.Json.Nodes.JsonNode) k -> n[k]) root

let private summary () = Dip.Cli.Infrastructure.Json.parse (File.ReadAllText(Path.Combine(quickRun.Force(), "summary.json")))

[<Test>]
let ``the quick run writes summary.json with the contract keys for both activations, the data and the report`` () =
    let out = quickRun.Force()
    for file in [ "summary.json"; "report.html"; "phi_d1_avalanches.csv"; "phi_d2_avalanches.csv" ] do
        Assert.That(File.Exists(Path.Combine(out, file)), file)
    Assert.That(Directory.GetFiles(out, "*.tmp*"), Is.Empty, "no temporary file is left behind")
    let s = summary ()
    for key in [ "phi_d1"; "phi_d2" ] do
        let c = s[key]
        for field in [ "tau_s"; "tau_s_se"; "tau_d"; "tau_d_se"; "gamma_fit"; "gamma_pred"; "gamma_collapse" ] do
            let v = c[field].GetValue<float>()
            Assert.That(Double.IsFinite v && v > 0.0, $"{key}.{field} = {v}")
        Assert.That(c["n_avalanches"].GetValue<int>(), Is.GreaterThan 1000, key)
        Assert.That((at c [ "parameters"; "width" ]).GetValue<int>(), Is.GreaterThan 0, key)
    Assert.That((at s [ "phi_d1"; "class_predicted" ]).GetValue<string>(), Is.EqualTo "DP")
    Assert.That((at s [ "phi_d2"; "class_predicted" ]).GetValue<string>(), Is.EqualTo "free-BM")
    let rows = File.ReadAllLines(Path.Combine(out, "phi_d2_avalanches.csv"))
    Assert.That(rows.Length - 1, Is.EqualTo((at s [ "phi_d2"; "n_avalanches" ]).GetValue<int>()), "the CSV holds every avalanche")

[<Test>]
let ``the quick run tells the classes apart: tau_d and shape differ as predicted`` () =
    let s = summary ()
    let value (key: string) (field: string) = (at s [ key; field ]).GetValue<float>()
    // DP has tau_d = 2, free BM 3/2: the measured difference must exceed five combined standard errors.
    let gap = value "phi_d1" "tau_d" - value "phi_d2" "tau_d"
    let se = sqrt (value "phi_d1" "tau_d_se" ** 2.0 + value "phi_d2" "tau_d_se" ** 2.0)
    Assert.That(gap, Is.GreaterThan(5.0 * se), $"tau_d(phi-d1) - tau_d(phi-d2) = {gap}, se {se}")
    Assert.That((at s [ "phi_d1"; "shape" ]).GetValue<string>(), Is.EqualTo "parabola")
    Assert.That((at s [ "phi_d2"; "shape" ]).GetValue<string>(), Is.EqualTo "semicircle")

[<Test>]
let ``the quick run is deterministic: the same seed gives the same summary numbers`` () =
    let again = tempDirectory ()
    let r = dip [ "reproduce"; "tuning-universality"; "--quick"; "--threads"; "1"; "--out"; again ]
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    let other = Dip.Cli.Infrastructure.Json.parse (File.ReadAllText(Path.Combine(again, "summary.json")))
    let s = summary ()
    for key in [ "phi_d1"; "phi_d2" ] do
        for field in [ "tau_s"; "tau_d"; "gamma_fit"; "gamma_collapse" ] do
            Assert.That((at other [ key; field ]).GetValue<float>(), Is.EqualTo((at s [ key; field ]).GetValue<float>()), $"{key}.{field}")

let private chromium () =
    [ "chromium"; "chromium-browser"; "google-chrome" ]
    |> List.collect (fun name -> (Environment.GetEnvironmentVariable "PATH").Split(':') |> List.ofArray |> List.map (fun d -> Path.Combine(d, name)))
    |> List.tryFind File.Exists

let private runBrowser (browser: string) (arguments: string list) =
    let profile = tempDirectory ()
    let info = ProcessStartInfo(browser, RedirectStandardOutput = true, RedirectStandardError = true)
    for a in [ "--headless"; "--no-sandbox"; "--disable-gpu"; "--disable-quic"; "--no-first-run"; "--disable-background-networking"
               "--disable-component-update"; "--disable-sync"; $"--user-data-dir={profile}" ] @ arguments do
        info.ArgumentList.Add a
    use p = Process.Start info
    let stdout = p.StandardOutput.ReadToEndAsync()
    p.StandardError.ReadToEndAsync() |> ignore
    if not (p.WaitForExit 120_000) then
        p.Kill true
        Assert.Fail "chromium did not finish within 120 s"
    stdout.Result

[<Test>]
let ``the report renders in headless Chromium: eight SVG panels, the table, and a non-blank screenshot`` () =
    match chromium () with
    | None -> Assert.Inconclusive "chromium is not installed (scripts/test.sh installs Debian's chromium)"
    | Some browser ->
        let report = Path.Combine(quickRun.Force(), "report.html")
        let url = Uri(report).AbsoluteUri
        let dom = runBrowser browser [ "--dump-dom"; url ]
        Assert.That(Regex.Matches(dom, "<svg").Count, Is.EqualTo 8, "the 2 x 4 figure")
        Assert.That(dom, Does.Contain "Measured against predicted exponents")
        let png = Path.Combine(tempDirectory (), "report.png")
        runBrowser browser [ "--window-size=1450,1300"; $"--screenshot={png}"; url ] |> ignore
        let bytes = File.ReadAllBytes png
        Assert.That(Text.Encoding.ASCII.GetString(bytes, 1, 3), Is.EqualTo "PNG", "a PNG file")
        let be (offset: int) = (int bytes.[offset] <<< 24) ||| (int bytes.[offset + 1] <<< 16) ||| (int bytes.[offset + 2] <<< 8) ||| int bytes.[offset + 3]
        Assert.That((be 16, be 20), Is.EqualTo((1450, 1300)), "IHDR width and height")
        // A blank page of this size compresses to a few kilobytes; eight plots and a table do not.
        Assert.That(bytes.Length, Is.GreaterThan 60_000, "the screenshot has content")

[<Test>]
let ``reproduce names a bad experiment and a bad flag value, exit 2`` () =
    let r = dip [ "reproduce"; "figure-99" ]
    Assert.That(r.ExitCode, Is.EqualTo 2)
    Assert.That(r.Err, Does.Contain("figure-99").And.Contain("tuning-universality"))
    let t = dip [ "reproduce"; "tuning-universality"; "--threads"; "-3"; "--out"; tempDirectory () ]
    Assert.That(t.ExitCode, Is.EqualTo 2)
    Assert.That(t.Err, Does.Contain("--threads").And.Contain("-3"))
    let none = dip [ "reproduce" ]
    Assert.That(none.ExitCode, Is.EqualTo 2)

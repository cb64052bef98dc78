module Dip.PropTests.Cli.SimulateTests

open System.IO
open NUnit.Framework
open Dip.PropTests.CliRunner

let small = [ "simulate"; "--width"; "32"; "--depth"; "40"; "--trials"; "60"; "--sigma-w2"; "1.5" ]

[<Test>]
let ``simulate writes avalanches, activity and a run record`` () =
    let dir = tempDirectory ()
    let r = dip (small @ [ "--observable"; "distance,length"; "--save-activity"; "--out"; dir ])
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    let avalanches = File.ReadAllLines(Path.Combine(dir, "avalanches.csv"))
    Assert.That(avalanches.[0], Is.EqualTo "trial,start,duration,size,censored")
    Assert.That(avalanches.Length, Is.GreaterThan 1)
    let activity = File.ReadAllLines(Path.Combine(dir, "activity.csv"))
    Assert.That(activity.[0], Is.EqualTo "trial,layer,activity,length")
    Assert.That(activity.Length, Is.EqualTo(1 + 60 * 41))
    let run = Dip.Cli.Infrastructure.Json.parse (File.ReadAllText(Path.Combine(dir, "run.json")))
    for key in [ "engine_version"; "parameters"; "observable_definitions"; "avalanche_definitions"; "wall_seconds"; "layers_per_second"; "n_diverged" ] do
        Assert.That(run.[key], Is.Not.Null, key)
    Assert.That(run.["parameters"].["seed"].GetValue<int64>(), Is.EqualTo 1L)
    Assert.That(Directory.GetFiles(dir) |> Array.filter (fun f -> f.EndsWith ".tmp"), Is.Empty)

[<Test>]
let ``same seed gives byte-identical avalanches with one thread and with all threads`` () =
    let one, all = tempDirectory (), tempDirectory ()
    let args = small @ [ "--avalanche-mode"; "spontaneous"; "--threshold"; "quantile:0.6"; "--save-activity" ]
    Assert.That((dip (args @ [ "--threads"; "1"; "--out"; one ])).ExitCode, Is.EqualTo 0)
    Assert.That((dip (args @ [ "--out"; all ])).ExitCode, Is.EqualTo 0)
    for file in [ "avalanches.csv"; "activity.csv" ] do
        Assert.That(File.ReadAllBytes(Path.Combine(all, file)), Is.EqualTo<byte array>(File.ReadAllBytes(Path.Combine(one, file))), file)

[<Test>]
let ``avalanches on simulated activity reproduce the simulator's avalanches`` () =
    let dir = tempDirectory ()
    Assert.That((dip (small @ [ "--save-activity"; "--out"; dir ])).ExitCode, Is.EqualTo 0)
    let out = Path.Combine(dir, "again.csv")
    let r = dip [ "avalanches"; "--input"; Path.Combine(dir, "activity.csv"); "--threshold"; "1e-3"; "--avalanche-mode"; "seeded"; "--out"; out ]
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    Assert.That(File.ReadAllText out, Is.EqualTo(File.ReadAllText(Path.Combine(dir, "avalanches.csv"))))

[<Test>]
let ``early stop of seeded avalanches does not change them`` () =
    let stopped, full = tempDirectory (), tempDirectory ()
    Assert.That((dip (small @ [ "--out"; stopped ])).ExitCode, Is.EqualTo 0)
    Assert.That((dip (small @ [ "--save-activity"; "--out"; full ])).ExitCode, Is.EqualTo 0)
    Assert.That(File.ReadAllText(Path.Combine(stopped, "avalanches.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(full, "avalanches.csv"))))

[<Test>]
let ``langevin mode records the length with the couplings used, derived or set`` () =
    let derived, set = tempDirectory (), tempDirectory ()
    let args = [ "simulate"; "--mode"; "langevin"; "--width"; "500"; "--depth"; "50"; "--trials"; "40"; "--q0"; "0.01"; "--threshold"; "1e-4"; "--save-activity" ]
    let r = dip (args @ [ "--sigma-w2"; "1.5"; "--out"; derived ])
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    let run = Dip.Cli.Infrastructure.Json.parse (File.ReadAllText(Path.Combine(derived, "run.json")))
    let p = run.["parameters"]
    Assert.That(p.["mode"].GetValue<string>(), Is.EqualTo "langevin")
    Assert.That(p.["observables"].[0].GetValue<string>(), Is.EqualTo "length")
    let langevin = p.["langevin"]
    // tanh: r = sigma_w^2 - 1, u = 2 sigma_w^2, h = sigma_b^2, D1 = 0, D2 = 2 sigma_w^4 (theory.md §3.2)
    for key, value in [ "r", 0.5; "h", 0.0; "u", 3.0; "d1", 0.0; "d2", 4.5 ] do
        Assert.That(langevin.[key].GetValue<float>(), Is.EqualTo(value).Within(1e-12), key)
    Assert.That(langevin.["substeps"].GetValue<int64>(), Is.EqualTo 10L)
    let activity = File.ReadAllLines(Path.Combine(derived, "activity.csv"))
    Assert.That(activity.[0], Is.EqualTo "trial,layer,activity")
    Assert.That(activity.[1], Is.EqualTo "0,0,0.01")
    let r = dip (args @ [ "--couplings"; "0,0.001,2,0.5,2"; "--langevin-substeps"; "3"; "--out"; set ])
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    let langevin = (Dip.Cli.Infrastructure.Json.parse (File.ReadAllText(Path.Combine(set, "run.json")))).["parameters"].["langevin"]
    for key, value in [ "r", 0.0; "h", 0.001; "u", 2.0; "d1", 0.5; "d2", 2.0 ] do
        Assert.That(langevin.[key].GetValue<float>(), Is.EqualTo value, key)
    Assert.That(langevin.["substeps"].GetValue<int64>(), Is.EqualTo 3L)
    Assert.That(langevin.["couplings_source"].GetValue<string>(), Does.Contain "--couplings")

let badLangevinFlags : obj[][] =
    [| [| "--langevin-substeps"; "0"; "--langevin-substeps must be >= 1, got 0" |]
       [| "--couplings"; "1,2"; "--couplings '1,2'" |]
       [| "--couplings"; "0,0,1,x,0"; "'x'" |]
       [| "--couplings"; "0,0,1,NaN,0"; "--couplings" |]
       [| "--couplings"; "0,-1,1,0,0"; "--couplings '0,-1,1,0,0'" |]
       [| "--observable"; "distance"; "--observable" |]
       [| "--activation"; "relu"; "--couplings" |] |]

[<TestCaseSource(nameof badLangevinFlags)>]
let ``bad langevin flags exit 2 with a message naming the flag`` (flag: string, value: string, expected: string) =
    let dir = tempDirectory ()
    let r = dip (small @ [ "--mode"; "langevin"; flag; value; "--out"; dir ])
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain expected)
    Assert.That(r.Err.Trim().Split('\n').Length, Is.EqualTo 1, "one-line message")

[<Test>]
let ``langevin flags outside langevin mode exit 2`` () =
    for flag, value in [ "--langevin-substeps", "3"; "--couplings", "0,0,1,0,1" ] do
        let r = dip (small @ [ flag; value; "--out"; tempDirectory () ])
        Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
        Assert.That(r.Err, Does.Contain(flag + " needs --mode langevin"))

let badFlags : obj[][] =
    [| [| "--width"; "0"; "--width must be >= 2, got 0" |]
       [| "--depth"; "0"; "--depth" |]
       [| "--sigma-w2"; "-1"; "--sigma-w2" |]
       [| "--sigma-b2"; "NaN"; "--sigma-b2" |]
       [| "--trials"; "0"; "--trials" |]
       [| "--q0"; "0"; "--q0" |]
       [| "--epsilon"; "-0.5"; "--epsilon" |]
       [| "--active-threshold"; "0"; "--active-threshold" |]
       [| "--weights"; "cauchy"; "--weights" |]
       [| "--mode"; "magic"; "--mode" |]
       [| "--observable"; "entropy"; "entropy" |]
       [| "--threshold"; "quantile:2"; "--threshold" |]
       [| "--threshold"; "abc"; "'abc'" |]
       [| "--avalanche-mode"; "sometimes"; "--avalanche-mode" |]
       [| "--size"; "huge"; "--size" |]
       [| "--activation"; "sinc"; "--activation" |]
       [| "--quenched"; ""; "--quenched" |]
       [| "--threads"; "-1"; "--threads" |]
       [| "--pilot-trials"; "0"; "--pilot-trials" |]
       [| "--width"; "abc"; "--width" |] |]

[<TestCaseSource(nameof badFlags)>]
let ``bad flags exit 2 with a message naming the flag`` (flag: string, value: string, expected: string) =
    let dir = tempDirectory ()
    let args = small @ [ flag ] @ (if value = "" then [] else [ value ]) @ [ "--out"; dir ]
    let r = dip args
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain expected)
    Assert.That(r.Err.Trim().Split('\n').Length, Is.EqualTo 1, "one-line message")
    Assert.That(File.Exists(Path.Combine(dir, "avalanches.csv")), Is.False)

module Dip.PropTests.Cli.TheoryVerbTests

open System
open NUnit.Framework
open Dip.PropTests.CliRunner
open Dip.Cli.Infrastructure

let json (args: string list) =
    let r = dip args
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    Json.parse r.Out

[<Test>]
let ``meanfield --json has the contract keys and relu's closed form`` () =
    let j = json [ "meanfield"; "--activation"; "relu"; "--sigma-w2"; "1.5"; "--sigma-b2"; "0.1"; "--json" ]
    for key in [ "q_star"; "c_star"; "chi1"; "xi_q"; "xi_c" ] do Assert.That(j.[key], Is.Not.Null, key)
    Assert.That(j.["q_star"].GetValue<float>(), Is.EqualTo(0.4).Within(1e-9))
    Assert.That(j.["chi1"].GetValue<float>(), Is.EqualTo(0.75).Within(1e-12))

[<Test>]
let ``meanfield --critical gives pi/4 for erf`` () =
    let j = json [ "meanfield"; "--activation"; "erf"; "--sigma-b2"; "0"; "--critical"; "--json" ]
    Assert.That(j.["sigma_w2_critical"].GetValue<float>(), Is.EqualTo(Math.PI / 4.0).Within(1e-8))

[<Test>]
let ``meanfield --widom gives the Widom point of the engine, inside the ordered phase for tanh`` () =
    let j = json [ "meanfield"; "--activation"; "tanh"; "--sigma-b2"; "0.05"; "--widom"; "--json" ]
    let w = Dip.Engine.Theory.WidomLine.At(Dip.Engine.Activations.Activation.Tanh, 0.05)
    Assert.That(j.["sigma_w2_widom"].GetValue<float>(), Is.EqualTo w.SigmaW2)
    Assert.That(j.["chi_h_max"].GetValue<float>(), Is.EqualTo w.Point.ChiH)
    Assert.That(j.["chi1"].GetValue<float>(), Is.LessThan 1.0)
    for key in [ "q_star"; "xi_q"; "sigma_b2"; "activation" ] do Assert.That(j.[key], Is.Not.Null, key)

[<Test>]
let ``couplings --json has the contract keys; tanh is free-BM, phi-d1 is DP`` () =
    let t = json [ "couplings"; "--activation"; "tanh"; "--sigma-w2"; "1.2"; "--json" ]
    for key in [ "r"; "h"; "u"; "D1"; "D2"; "class"; "tau_s"; "tau_d"; "gamma" ] do Assert.That(t.[key], Is.Not.Null, key)
    Assert.That(t.["class"].GetValue<string>(), Is.EqualTo "free-BM")
    Assert.That(t.["D2"].GetValue<float>(), Is.EqualTo(2.0 * 1.44).Within(1e-12))
    let d = json [ "couplings"; "--activation"; "poly:0.1,1,0,-0.3"; "--sigma-w2"; "1"; "--json" ]
    Assert.That(d.["class"].GetValue<string>(), Is.EqualTo "DP")
    Assert.That(d.["tau_s"].GetValue<float>(), Is.EqualTo 1.5)

let bad : obj[][] =
    [| [| "meanfield --activation sinc --sigma-w2 1"; "--activation" |]
       [| "meanfield --activation tanh"; "--sigma-w2 is required" |]
       [| "meanfield --activation tanh --sigma-w2 -1"; "--sigma-w2" |]
       [| "meanfield --activation relu --sigma-w2 2.5 --sigma-b2 0.1"; "no finite fixed point" |]
       [| "meanfield --activation tanh --sigma-b2 0 --widom"; "sigma_b^2 must be a finite number > 0, got 0" |]
       [| "meanfield --activation relu --sigma-b2 0.1 --widom"; "no interior maximum" |]
       [| "meanfield --activation tanh --sigma-b2 0.1 --widom --critical"; "cannot be combined" |]
       [| "meanfield --activation tanh --sigma-b2 0.1 --sigma-w2 1 --widom"; "cannot be combined" |]
       [| "couplings --activation relu --sigma-w2 1"; "no Taylor series" |]
       [| "couplings --activation tanh --sigma-w2 1 --sigma-b2 -2"; "--sigma-b2" |]
       [| "couplings --activation tanh --sigma-w2 1 --width 0"; "--width" |] |]

[<TestCaseSource(nameof bad)>]
let ``bad input exits 2 naming the flag or the problem`` (line: string, expected: string) =
    let r = dip (List.ofArray (line.Split ' '))
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain expected)

module Dip.PropTests.Cli.ProgramTests

open NUnit.Framework
open Dip.PropTests.CliRunner

[<Test>]
let ``no verb prints usage and exits 0`` () =
    let r = dip []
    Assert.That(r.ExitCode, Is.EqualTo 0)
    Assert.That(r.Out, Does.Contain "usage: dip")

[<Test>]
let ``unknown verb exits 2 and names it`` () =
    let r = dip [ "frobnicate" ]
    Assert.That(r.ExitCode, Is.EqualTo 2)
    Assert.That(r.Err, Does.Contain "frobnicate")

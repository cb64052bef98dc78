/// Runs `dip` in-process for CLI tests, capturing stdout and stderr. NUnit runs these tests one at a time (no
/// [<Parallelizable>]), so redirecting the console is safe.
module Dip.PropTests.CliRunner

open System
open System.IO

/// Exit code, standard output and standard error of one `dip` invocation.
type CliResult = { ExitCode: int; Out: string; Err: string }

/// Runs `dip` with the given arguments.
let dip (argv: string list) : CliResult =
    let out, err = new StringWriter(), new StringWriter()
    let oldOut, oldErr = Console.Out, Console.Error
    Console.SetOut out
    Console.SetError err
    try
        let code = Dip.Cli.Program.run (Array.ofList argv)
        { ExitCode = code; Out = out.ToString(); Err = err.ToString() }
    finally
        Console.SetOut oldOut
        Console.SetError oldErr

/// A fresh empty temporary directory.
let tempDirectory () : string =
    let path = Path.Combine(Path.GetTempPath(), "dip-tests-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory path |> ignore
    path

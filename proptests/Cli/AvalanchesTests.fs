module Dip.PropTests.Cli.AvalanchesTests

open System.IO
open NUnit.Framework
open Dip.PropTests.CliRunner

let write (text: string) =
    let path = Path.Combine(tempDirectory (), "activity.csv")
    File.WriteAllText(path, text)
    path

[<Test>]
let ``spontaneous extraction of a small file`` () =
    let input = write "trial,layer,activity,extra\n0,0,0.5,x\n0,1,2,x\n0,2,3,x\n0,3,0.5,x\n0,4,4,x\n1,0,2,x\n"
    let out = Path.Combine(Path.GetDirectoryName input, "av.csv")
    let r = dip [ "avalanches"; "--input"; input; "--threshold"; "1"; "--out"; out ]
    Assert.That(r.ExitCode, Is.EqualTo 0, r.Err)
    Assert.That(File.ReadAllLines out, Is.EqualTo<string array>([| "trial,start,duration,size,censored"; "0,1,2,3,0"; "0,4,1,3,1"; "1,0,1,1,1" |]))

let badFiles : obj[][] =
    [| [| ""; "empty" |]
       [| "0,0,1\n"; "missing column 'trial'" |]
       [| "trial,layer,activity\n"; "no data rows" |]
       [| "trial,layer,activity\n0,0,1\n0,1,NaN\n"; "line 3: activity must be finite, got 'NaN'" |]
       [| "trial,layer,activity\n0,0,1\n0,1,abc\n"; "line 3: 'abc' is not a number" |]
       [| "trial,layer,activity\n-1,0,1\n"; "line 2: trial must be >= 0, got -1" |]
       [| "trial,layer,activity\n0,0,1\n0,2,1\n"; "line 3: layer 2 follows layer 0" |]
       [| "trial,layer,activity\n1,0,1\n0,0,1\n"; "line 3: trial 0 comes after trial 1" |]
       [| "trial,layer,activity\n0,0\n"; "line 2: missing column 'activity'" |] |]

[<TestCaseSource(nameof badFiles)>]
let ``malformed activity files exit 2 naming the line and leave no output`` (content: string, expected: string) =
    let input = write content
    let out = Path.Combine(Path.GetDirectoryName input, "av.csv")
    let r = dip [ "avalanches"; "--input"; input; "--threshold"; "0.5"; "--out"; out ]
    Assert.That(r.ExitCode, Is.EqualTo 2, r.Err)
    Assert.That(r.Err, Does.Contain expected)
    Assert.That(File.Exists out, Is.False)
    Assert.That(Directory.GetFiles(Path.GetDirectoryName input) |> Array.filter (fun f -> f.EndsWith ".tmp"), Is.Empty)

[<Test>]
let ``a missing input file exits 2`` () =
    let r = dip [ "avalanches"; "--input"; "/nonexistent/activity.csv"; "--threshold"; "1"; "--out"; "/tmp/x.csv" ]
    Assert.That(r.ExitCode, Is.EqualTo 2)
    Assert.That(r.Err, Does.Contain "no such file")

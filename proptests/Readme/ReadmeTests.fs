/// The README's usage examples are real code: the F# one is compiled and run here, the C# one is compiled with the
/// bench project, and the README must show both exactly.
module Dip.PropTests.Readme.ReadmeTests

open System.IO
open NUnit.Framework

let private repositoryRoot =
    let rec up (dir: DirectoryInfo) =
        if File.Exists(Path.Combine(dir.FullName, "Dip.Engine.sln")) then dir.FullName
        elif isNull dir.Parent then failwith "Dip.Engine.sln not found above the test directory"
        else up dir.Parent
    up (DirectoryInfo TestContext.CurrentContext.TestDirectory)

let private between (text: string) (first: string) (last: string) =
    let a = text.IndexOf first
    let b = text.IndexOf last
    Assert.That(a >= 0 && b > a, $"markers {first} .. {last}")
    text.Substring(a + first.Length, b - a - first.Length).Trim().Replace("\r\n", "\n")

let private readme () = File.ReadAllText(Path.Combine(repositoryRoot, "README.md")).Replace("\r\n", "\n")

[<Test>]
let ``the README shows the F# example exactly as compiled`` () =
    let source = File.ReadAllText(Path.Combine(repositoryRoot, "proptests", "Readme", "ReadmeExample.fs"))
    Assert.That(readme (), Does.Contain(between source "// README-FSHARP-BEGIN" "// README-FSHARP-END"))

[<Test>]
let ``the README shows the C# example exactly as compiled`` () =
    let source = File.ReadAllText(Path.Combine(repositoryRoot, "bench", "Examples", "ReadmeExample.cs"))
    Assert.That(readme (), Does.Contain(between source "// README-CSHARP-BEGIN" "// README-CSHARP-END"))

[<Test>]
let ``the F# example runs and measures a duration exponent`` () =
    let result = ReadmeExample.example ()
    Assert.That(result.NAvalanches, Is.EqualTo 200)
    Assert.That(result.TauD.Alpha > 1.0 && System.Double.IsFinite result.TauD.AlphaSe)

module Dip.PropTests.Smoke
open NUnit.Framework
open FsCheck.FSharp
open FsCheck.NUnit

[<Test>]
let ``one is one`` () = Assert.That(1, Is.EqualTo 1)

[<Property>]
let ``reverse twice`` (xs: int list) = List.rev (List.rev xs) = xs

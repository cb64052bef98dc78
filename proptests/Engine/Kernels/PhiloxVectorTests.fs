module Dip.PropTests.Engine.Kernels.PhiloxVectorTests

open System
open System.Runtime.Intrinsics
open NUnit.Framework
open Dip.Engine.Random
open Dip.Engine.Kernels

let private stream = RandomStream(0x243F6A88_85A308D3UL, 0x13198A2E_03707344UL)

/// Block indices: 0, unaligned, and sets that straddle the 2^32 boundary of the low counter word (the carry).
let firsts : obj[] list =
    [ 0UL; 5UL; 1000UL; (1UL <<< 32) - 7UL; (1UL <<< 32) - 40UL; 0xFFFF_FFFF_FFFF_FFC0UL ] |> List.map (fun s -> [| box s |])

let private expectSet (first: uint64) (words: Vector512<uint>[]) =
    for lane in 0 .. 15 do
        let struct (x0, x1, x2, x3) = stream.Block(first + uint64 lane)
        let got = [| words[0].[lane]; words[1].[lane]; words[2].[lane]; words[3].[lane] |]
        Assert.That(got, Is.EqualTo(box [| x0; x1; x2; x3 |]), $"block {first + uint64 lane}")

[<TestCaseSource(nameof firsts)>]
let ``Blocks16 is bit-identical to the scalar Philox`` (first: uint64) =
    if PhiloxVector.IsSupported then
        let mutable x0 = Vector512<uint>.Zero
        let mutable x1 = Vector512<uint>.Zero
        let mutable x2 = Vector512<uint>.Zero
        let mutable x3 = Vector512<uint>.Zero
        PhiloxVector.Blocks16(stream, first, &x0, &x1, &x2, &x3)
        expectSet first [| x0; x1; x2; x3 |]
    else Assert.Inconclusive "no AVX-512 on this machine: the scalar path is the one in use"

[<TestCaseSource(nameof firsts)>]
let ``Blocks64 is bit-identical to the scalar Philox`` (first: uint64) =
    if PhiloxVector.IsSupported then
        let words = Array.zeroCreate<Vector512<uint>> 16
        PhiloxVector.Blocks64(stream, first, Span words)
        for set in 0 .. 3 do
            expectSet (first + uint64 (16 * set)) words[4 * set .. 4 * set + 3]
    else Assert.Inconclusive "no AVX-512 on this machine: the scalar path is the one in use"

module Dip.PropTests.Engine.Kernels.VectorMathTests

open System
open System.Runtime.Intrinsics
open NUnit.Framework
open Dip.Engine.Kernels

/// Applies a 16-lane float function to every element of xs.
let private map16 (f: Vector512<float32> -> Vector512<float32>) (xs: float32[]) =
    xs |> Array.chunkBySize 16 |> Array.collect (fun chunk ->
        let padded = Array.init 16 (fun i -> if i < chunk.Length then chunk[i] else 1.0f)
        let y = f (Vector512.Create<float32>(padded))
        Array.init chunk.Length (fun i -> y.[i]))

let private map8 (f: Vector512<float> -> Vector512<float>) (xs: float[]) =
    xs |> Array.chunkBySize 8 |> Array.collect (fun chunk ->
        let padded = Array.init 8 (fun i -> if i < chunk.Length then chunk[i] else 1.0)
        let y = f (Vector512.Create<float>(padded))
        Array.init chunk.Length (fun i -> y.[i]))

/// The uniforms the samplers feed in: (k + 1/2) / 2^24 on a grid dense near 0 and 1, plus the quarter-turn boundaries.
let private turns =
    [| yield! Array.init 4096 (fun k -> (float32 k + 0.5f) / 4096.0f)
       for j in 0 .. 8 do
           let b = float32 j / 8.0f
           for d in -3 .. 3 do yield b + float32 d * 6e-8f
       yield 0.0f; yield 1.0f |]
    |> Array.filter (fun u -> u >= 0.0f && u <= 1.0f)

[<Test>]
let ``float SinCosTurns is within 2 ulp of 1 of cos and sin of 2 pi u`` () =
    if PhiloxVector.IsSupported then
        let cosines = turns |> map16 (fun u -> let mutable s = u in let mutable c = u in VectorMath.SinCosTurns(u, &s, &c); c)
        let sines = turns |> map16 (fun u -> let mutable s = u in let mutable c = u in VectorMath.SinCosTurns(u, &s, &c); s)
        for i in 0 .. turns.Length - 1 do
            let angle = 2.0 * Math.PI * float turns[i]
            Assert.That(float cosines[i], Is.EqualTo(cos angle).Within(1.2e-7), $"cos at u = {turns[i]}")
            Assert.That(float sines[i], Is.EqualTo(sin angle).Within(1.2e-7), $"sin at u = {turns[i]}")

[<Test>]
let ``double SinCosTurns is within 1e-15 of cos and sin of 2 pi u`` () =
    if PhiloxVector.IsSupported then
        let us = turns |> Array.map float
        let cosines = us |> map8 (fun u -> let mutable s = u in let mutable c = u in VectorMath.SinCosTurns(u, &s, &c); c)
        let sines = us |> map8 (fun u -> let mutable s = u in let mutable c = u in VectorMath.SinCosTurns(u, &s, &c); s)
        for i in 0 .. us.Length - 1 do
            // the reference angle 2 pi u itself carries a rounding of 2 pi u ~ 6e-16 at u = 1
            Assert.That(cosines[i], Is.EqualTo(cos (2.0 * Math.PI * us[i])).Within(1e-15), $"cos at u = {us[i]}")
            Assert.That(sines[i], Is.EqualTo(sin (2.0 * Math.PI * us[i])).Within(1e-15), $"sin at u = {us[i]}")

/// Uniforms over the whole float range the samplers produce, 2^-25 .. 1.
let private uniforms =
    [| for e in -25 .. -1 do
           for k in 0 .. 63 do yield float32 (Math.Pow(2.0, float e) * (1.0 + float k / 64.0))
       yield 1.0f |]

[<Test>]
let ``float Log has relative error below 2e-7 and absolute error below 1e-7`` () =
    if PhiloxVector.IsSupported then
        let logs = uniforms |> map16 VectorMath.Log
        for i in 0 .. uniforms.Length - 1 do
            let exact = log (float uniforms[i])
            Assert.That(abs (float logs[i] - exact), Is.LessThanOrEqualTo(max 1e-7 (2e-7 * abs exact)), $"ln {uniforms[i]}")

[<Test>]
let ``float Sqrt has relative error below 2e-7`` () =
    if PhiloxVector.IsSupported then
        let vs = uniforms |> Array.map (fun u -> -2.0f * float32 (log (float u)) + 1e-30f)
        let roots = vs |> map16 VectorMath.Sqrt
        for i in 0 .. vs.Length - 1 do
            let exact = sqrt (float vs[i])
            Assert.That(abs (float roots[i] - exact), Is.LessThanOrEqualTo(2e-7 * exact), $"sqrt {vs[i]}")

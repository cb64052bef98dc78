module Dip.PropTests.Engine.Kernels.ActivationKernelTests

open System
open NUnit.Framework
open Dip.Engine.Activations

let activations : obj[] list =
    [ "tanh"; "erf"; "relu"; "hardtanh"; "linear"; "poly:0.1,1,0.5,-0.2"; "poly:2" ] |> List.map (fun s -> [| box s |])

/// Inputs: a deterministic spread over [-7, 7] with the kinks (-1, 0, 1) and the erf branch points (±4, ±6) mixed in.
let private inputs (count: int) =
    let specials = [| 0.0; -1.0; 1.0; 4.0; -4.5; 6.5; -0.0; 3.999 |]
    Array.init count (fun i -> if i % 9 = 4 then specials[(i / 9) % specials.Length] else 7.0 * sin (float i * 1.7 + 0.3))

/// Error allowance: a few units in the last place of the result, and for polynomials the rounding of Horner's rule,
/// about (degree + 1) eps sum |a_k| |x|^k.
let private allowance (spec: string) (eps: float) (x: float) (y: float) =
    if spec.StartsWith "poly:" then
        let a = spec.Substring(5).Split(',') |> Array.map (fun s -> Double.Parse(s, Globalization.CultureInfo.InvariantCulture))
        let magnitude = a |> Array.mapi (fun k ak -> abs ak * (abs x ** float k) * float (k + 1)) |> Array.sum
        4.0 * float a.Length * eps * magnitude + eps
    else 8.0 * eps * max 1.0 (abs y)

let private check (spec: string) (what: string) (eps: float) (x: float[]) (fast: float[]) (slow: float[]) =
    for i in 0 .. x.Length - 1 do
        let ok = abs (fast[i] - slow[i]) <= allowance spec eps x[i] slow[i] || (Double.IsNaN fast[i] && Double.IsNaN slow[i])
        if not ok then Assert.Fail(sprintf "%s %s at x = %.17g (length %d): %.17g vs reference %.17g" spec what x[i] x.Length fast[i] slow[i])

[<TestCaseSource(nameof activations)>]
let ``float kernels match the scalar reference for every length 0..300 and offsets 0..3`` (spec: string) =
    let phi = Activation.Parse spec
    let eps = 1.1920929e-7
    for offset in 0 .. 3 do
        for length in 0 .. 300 do
            let x = inputs (length + offset) |> Array.map float32
            let xs = ReadOnlySpan(x, offset, length)
            let fast, slow = Array.zeroCreate<float32> length, Array.zeroCreate<float32> length
            phi.Apply(xs, Span fast); ActivationReference.Apply(phi, xs, Span slow)
            let xd = xs.ToArray() |> Array.map float
            check spec "value" eps xd (Array.map float fast) (Array.map float slow)
            phi.ApplyDerivative(xs, Span fast); ActivationReference.ApplyDerivative(phi, xs, Span slow)
            check spec "derivative" eps xd (Array.map float fast) (Array.map float slow)

[<TestCaseSource(nameof activations)>]
let ``double kernels match the scalar reference for every length 0..300 and offsets 0..3`` (spec: string) =
    let phi = Activation.Parse spec
    for offset in 0 .. 3 do
        for length in 0 .. 300 do
            let x = inputs (length + offset)
            let xs = ReadOnlySpan(x, offset, length)
            let fast, slow = Array.zeroCreate<float> length, Array.zeroCreate<float> length
            phi.Apply(xs, Span fast); ActivationReference.Apply(phi, xs, Span slow)
            check spec "value" 2.220446049250313e-16 (xs.ToArray()) fast slow
            phi.ApplyDerivative(xs, Span fast); ActivationReference.ApplyDerivative(phi, xs, Span slow)
            check spec "derivative" 2.220446049250313e-16 (xs.ToArray()) fast slow

[<TestCaseSource(nameof activations)>]
let ``kernels work in place`` (spec: string) =
    let phi = Activation.Parse spec
    let x = inputs 37
    let expected = Array.zeroCreate<float> 37
    ActivationReference.Apply(phi, ReadOnlySpan x, Span expected)
    let y = Array.copy x
    phi.Apply(ReadOnlySpan y, Span y)
    check spec "in-place value" 2.220446049250313e-16 x y expected

[<Test>]
let ``mismatched lengths throw naming the output span`` () =
    let e = Assert.Throws<ArgumentException>(fun () -> Activation.Tanh.Apply(ReadOnlySpan(Array.zeroCreate<float32> 3), Span(Array.zeroCreate<float32> 4)))
    Assert.That(e.ParamName, Is.EqualTo "y")
    Assert.That(e.Message, Does.Contain("3").And.Contain("4"))

/// The double tanh kernel forms (1 - e) / (1 + e) with e = exp(-2|x|): its error is absolute (a few eps), not relative,
/// which is what Delta phi = phi(h + delta) - phi(h) needs; the limits and NaN are exact.
[<Test>]
let ``double tanh kernel: absolute error within 4 eps over a wide range, exact limits`` () =
    let x = Array.append (Array.init 2001 (fun i -> float (i - 1000) * 0.0213)) [| 1e-300; -1e-12; 19.0; -25.0; 710.0; -800.0; infinity; -infinity; nan; 0.0; -0.0 |]
    let y = Array.zeroCreate x.Length
    Activation.Tanh.Apply(ReadOnlySpan x, Span y)
    for i in 0 .. x.Length - 1 do
        if Double.IsNaN x[i] then Assert.That(Double.IsNaN y[i], Is.True)
        else Assert.That(abs (y[i] - Math.Tanh x[i]), Is.LessThanOrEqualTo(4.0 * 2.220446049250313e-16), $"x = {x[i]:R}")
    Assert.That(y[x.Length - 4], Is.EqualTo -1.0)
    Assert.That(Double.IsNegative y[x.Length - 1], Is.True, "tanh(-0) = -0")

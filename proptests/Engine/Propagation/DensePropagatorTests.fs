module Dip.PropTests.Engine.Propagation.DensePropagatorTests

open System
open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Propagation
open Dip.Engine.Random

/// Records every layer's pre-activations.
type private Recorder<'T>() =
    let layers = Collections.Generic.List<'T[]>()
    member _.Layers = layers
    interface ILayerObserver<'T> with
        member _.OnLayer(layer, h, _) =
            Assert.That(layer, Is.EqualTo layers.Count)
            layers.Add(h.ToArray())

let private input (n: int) (batch: int) =
    let values = Array.zeroCreate<float> (n * batch)
    NormalsReference.Fill(RandomStream.For(5UL, 0L, 0, StreamRole.Input), 0UL, Span values)
    values

let private spec n activation weights = NetworkSpec(n, 3, 1.5, 0.05, Activation.Parse activation, weights)

/// Each fast layer against DenseReference.Layer applied to the fast previous layer (so errors do not compound).
/// Allowance: the summation error (N + 10) eps sum|W a| of any order, plus the sampler's approximation error
/// (float 2e-6, double 1e-13 per standard normal) times scale sum |a|.
let private checkLayers (s: NetworkSpec) (batch: int) (eps: float) (normalError: float) (layers: float[][]) (reference: int -> float[] -> float[] * float[]) =
    let n = s.Width
    for l in 1 .. s.Depth do
        let expected, magnitude = reference l layers[l - 1]
        let a = Array.zeroCreate<float> layers[l - 1].Length
        ActivationReference.Apply(s.Activation, ReadOnlySpan layers[l - 1], Span a)
        for i in 0 .. n - 1 do
            for c in 0 .. batch - 1 do
                let k = i * batch + c
                let sumA = Seq.sum (seq { for j in 0 .. n - 1 -> abs a[j * batch + c] })
                let allowance = float (n + 10) * eps * magnitude[k] + normalError * sqrt 3.0 * s.WeightScale * sumA + 1e-30
                let fast = layers[l][k]
                if abs (fast - expected[k]) > allowance then
                    Assert.Fail(sprintf "N %d batch %d layer %d row %d column %d: %.9g vs reference %.9g (allowance %.3g)" n batch l i c fast expected[k] allowance)

let cases : obj[] list =
    [ for n in [ 1; 7; 64; 100; 257 ] do
        for batch in [ 1; 3; 33 ] do
          for storage in [ WeightStorage.Streamed; WeightStorage.Stored ] do
            yield [| box n; box batch; box storage |] ]

[<TestCaseSource(nameof cases)>]
let ``float propagation matches the dense reference layer by layer`` (n: int, batch: int, storage: WeightStorage) =
    for activation, law in [ "tanh", WeightDistribution.Gaussian; "relu", WeightDistribution.Uniform ] do
        let s = spec n activation law
        let recorder = Recorder<float32>()
        let output = Array.zeroCreate<float32> (n * batch)
        DensePropagator(s, 11UL, 4L, storage, 2).PropagateBatch(ReadOnlySpan(input n batch |> Array.map float32), batch, Span output, recorder)
        Assert.That(output, Is.EqualTo(box recorder.Layers[s.Depth]))
        let reference l (previous: float[]) =
            let next, magnitude = Array.zeroCreate (n * batch), Array.zeroCreate (n * batch)
            DenseReference.Layer(s, 11UL, 4L, l, ReadOnlySpan(previous |> Array.map float32), batch, Span next, Span magnitude)
            next, magnitude
        checkLayers s batch 1.1920929e-7 2e-6 (recorder.Layers |> Seq.map (Array.map float) |> Array.ofSeq) reference

[<TestCaseSource(nameof cases)>]
let ``double propagation matches the dense reference layer by layer`` (n: int, batch: int, storage: WeightStorage) =
    for activation, law in [ "erf", WeightDistribution.Gaussian; "hardtanh", WeightDistribution.Uniform ] do
        let s = spec n activation law
        let recorder = Recorder<float>()
        let output = Array.zeroCreate<float> (n * batch)
        DensePropagator(s, 12UL, 0L, storage, 2).PropagateBatch(ReadOnlySpan(input n batch), batch, Span output, recorder)
        let reference l (previous: float[]) =
            let next, magnitude = Array.zeroCreate (n * batch), Array.zeroCreate (n * batch)
            DenseReference.Layer(s, 12UL, 0L, l, ReadOnlySpan previous, batch, Span next, Span magnitude)
            next, magnitude
        checkLayers s batch 2.220446049250313e-16 1e-13 (recorder.Layers.ToArray()) reference

[<Test>]
let ``results are bit-identical across thread counts and weight storage`` () =
    for n, batch in [ 300, 1; 300, 40; 1030, 17 ] do
        let s = NetworkSpec(n, 2, 1.2, 0.1, Activation.Tanh)
        let x = input n batch |> Array.map float32
        let run storage threads =
            let y = Array.zeroCreate<float32> (n * batch)
            DensePropagator(s, 3UL, 9L, storage, threads).PropagateBatch(ReadOnlySpan x, batch, Span y)
            y
        let baseline = run WeightStorage.Streamed 1
        Assert.That(run WeightStorage.Streamed 2, Is.EqualTo(box baseline), sprintf "threads, N %d batch %d" n batch)
        Assert.That(run WeightStorage.Stored 2, Is.EqualTo(box baseline), sprintf "storage, N %d batch %d" n batch)

[<Test>]
let ``a batch gives the same columns as single inputs, up to summation order`` () =
    let n, batch = 130, 5
    let s = NetworkSpec(n, 2, 1.0, 0.0, Activation.Tanh)
    let p = DensePropagator(s, 1UL, 1L)
    let x = input n batch
    let y = Array.zeroCreate<float> (n * batch)
    p.PropagateBatch(ReadOnlySpan x, batch, Span y)
    for c in 0 .. batch - 1 do
        let column = Array.init n (fun i -> x[i * batch + c])
        let single = Array.zeroCreate<float> n
        p.Propagate(ReadOnlySpan column, Span single)
        for i in 0 .. n - 1 do
            Assert.That(single[i], Is.EqualTo(y[i * batch + c]).Within(1e-12))

[<Test>]
let ``uniform weights have variance sigma_w^2 / N`` () =
    let n = 256
    let s = NetworkSpec(n, 1, 2.0, 0.0, Activation.Linear, WeightDistribution.Uniform)
    let w = Array.zeroCreate<float32> (n * n)
    Dip.Engine.Kernels.Propagation.WeightSource(s, 8UL, 0L).FillRows<float32>(1, 0, n, Span w)
    let a2 = 3.0 * 2.0 / float n
    let meanSquare = w |> Array.averageBy (fun v -> float v * float v)
    // Var(w^2) = E w^4 - (E w^2)^2 = a^4/5 - a^4/9 with a^2 = 3 sigma_w^2 / N
    let se = sqrt ((a2 * a2 * (1.0 / 5.0 - 1.0 / 9.0)) / float w.Length)
    Assert.That(abs (meanSquare - 2.0 / float n), Is.LessThan(5.0 * se))
    Assert.That(w |> Array.forall (fun v -> abs (float v) <= sqrt a2 * (1.0 + 1e-6)))

[<Test>]
let ``bad arguments throw naming the parameter`` () =
    let p = DensePropagator(NetworkSpec(4, 1, 1.0, 0.0, Activation.Tanh), 0UL, 0L)
    let e = Assert.Throws<ArgumentException>(fun () -> p.PropagateBatch(ReadOnlySpan(Array.zeroCreate<float32> 7), 2, Span(Array.zeroCreate<float32> 8)))
    Assert.That(e.ParamName, Is.EqualTo "inputs")
    let e = Assert.Throws<ArgumentException>(fun () -> p.Propagate(ReadOnlySpan [| 0.0; nan; 0.0; 0.0 |], Span(Array.zeroCreate<float> 4)))
    Assert.That(e.Message, Does.Contain "inputs[1]")
    let e = Assert.Throws<ArgumentException>(fun () -> DensePropagator(NetworkSpec(4, 1, 1.0, 0.0, Activation.Tanh), 0UL, 0L, threads = 0) |> ignore)
    Assert.That(e.ParamName, Is.EqualTo "threads")

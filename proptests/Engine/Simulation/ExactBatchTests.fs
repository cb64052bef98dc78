/// The P-input conditional-Gaussian layer agrees in law with dense propagation of the same P inputs through one network.
module Dip.PropTests.Engine.Simulation.ExactBatchTests

open NUnit.Framework
open Dip.Engine.Activations
open Dip.Engine.Networks
open Dip.Engine.Random
open Dip.Engine.Simulation
open Dip.PropTests.Statistics

let n, p, depth, trials = 16, 3, 4, 600
let network = NetworkSpec(n, depth, 1.4, 0.2, Activation.Tanh)

/// Fixed inputs (N x P row-major): three correlated directions.
let inputs =
    Array.init (n * p) (fun k -> let i, a = k / p, k % p in sin (float (i + 1) * (1.0 + 0.3 * float a)))

/// Dense reference: one fresh Gaussian network per trial, all P inputs through it.
let dense (trial: int64) =
    let mutable h = Array.copy inputs
    for l in 1 .. depth do
        let w = Array.zeroCreate<float> (n * n)
        let cursor = RandomCursor(RandomStream.For(7UL, trial, l, StreamRole.Weights))
        for k in 0 .. w.Length - 1 do w.[k] <- cursor.NextNormal() * sqrt (network.SigmaW2 / float n)
        let b = Array.init n (fun _ -> cursor.NextNormal() * sqrt network.SigmaB2)
        let phi = h |> Array.map tanh
        h <- Array.init (n * p) (fun k ->
            let i, a = k / p, k % p
            b.[i] + Seq.sum (seq { for j in 0 .. n - 1 -> w.[i * n + j] * phi.[j * p + a] }))
    h

let exact (trial: int64) =
    let h = Array.copy inputs
    let layer = ExactBatch(network, p)
    for l in 1 .. depth do layer.Advance(System.Span<float>(h), 8UL, trial, l)
    h

[<Test>]
let ``P-input exact layer agrees in law with dense propagation (lengths and overlaps)`` () =
    let stats (h: float[]) =
        let col a = Array.init n (fun i -> h.[i * p + a])
        let dot (x: float[]) (y: float[]) = Array.fold2 (fun s u v -> s + u * v) 0.0 x y / float n
        [| dot (col 0) (col 0); dot (col 0) (col 1); dot (col 1) (col 2) |]
    let d = Array.init trials (fun t -> stats (dense (int64 t)))
    let e = Array.init trials (fun t -> stats (exact (int64 t)))
    let critical = ksCritical (1e-3 / 3.0) trials trials
    for s in 0 .. 2 do
        let ks = ksStatistic (d |> Array.map (fun x -> x.[s])) (e |> Array.map (fun x -> x.[s]))
        Assert.That(ks, Is.LessThan critical, $"statistic {s}: KS {ks}")

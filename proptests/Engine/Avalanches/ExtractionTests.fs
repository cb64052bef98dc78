/// Properties of avalanche extraction (theory.md §4.3) on FsCheck-generated series.
module Dip.PropTests.Engine.Avalanches.ExtractionTests

open NUnit.Framework
open FsCheck
open FsCheck.FSharp
open FsCheck.NUnit
open Dip.Engine.Avalanches

/// Series of 1..60 values in [0, 2) on a 1/8 grid (so ties with the threshold happen), and a threshold in the same range.
let seriesAndThreshold =
    gen {
        let! n = Gen.choose (1, 60)
        let! xs = Gen.arrayOfLength n (Gen.choose (0, 15) |> Gen.map (fun k -> float k / 8.0))
        let! t = Gen.choose (0, 15) |> Gen.map (fun k -> float k / 8.0)
        return xs, t
    }
    |> Arb.fromGen

let extract mode size (xs: float[]) theta =
    let result = ResizeArray<Avalanche>()
    AvalancheExtractor(LayerThresholds.Constant theta, mode, size, true).Extract(7L, 3, System.ReadOnlySpan<float>(xs), System.Action<Avalanche>(result.Add))
    List.ofSeq result

[<Property>]
let ``sizes plus sub-threshold area add up to the total area`` () =
    Prop.forAll seriesAndThreshold (fun (xs, theta) ->
        let avalanches = extract AvalancheMode.Spontaneous SizeRule.TotalArea xs theta
        let below = xs |> Array.filter (fun x -> x <= theta) |> Array.sum
        abs ((avalanches |> List.sumBy (fun a -> a.Size)) + below - Array.sum xs) < 1e-9)

[<Property>]
let ``sizes above threshold are the area above threshold`` () =
    Prop.forAll seriesAndThreshold (fun (xs, theta) ->
        let avalanches = extract AvalancheMode.Spontaneous SizeRule.AboveThreshold xs theta
        let above = xs |> Array.sumBy (fun x -> if x > theta then x - theta else 0.0)
        abs ((avalanches |> List.sumBy (fun a -> a.Size)) - above) < 1e-9)

[<Property>]
let ``avalanches do not overlap, are separated, and their durations count the supra-threshold layers`` () =
    Prop.forAll seriesAndThreshold (fun (xs, theta) ->
        let avalanches = extract AvalancheMode.Spontaneous SizeRule.AboveThreshold xs theta
        let separated =
            avalanches |> List.pairwise |> List.forall (fun (a, b) -> a.Start + a.Duration < b.Start)
        let durations = avalanches |> List.sumBy (fun a -> a.Duration)
        let supra = xs |> Array.filter (fun x -> x > theta) |> Array.length
        let profiles = avalanches |> List.forall (fun a -> a.Profile.Length = a.Duration && abs (Array.sum a.Profile - a.Size) < 1e-9)
        let censoring = avalanches |> List.forall (fun a -> a.Censored = (a.Start + a.Duration = 3 + xs.Length))
        separated && durations = supra && profiles && censoring)

[<Property>]
let ``seeded and spontaneous agree on single-excursion series`` () =
    let single =
        gen {
            let! up = Gen.choose (1, 30)
            let! down = Gen.choose (0, 30)
            let! heights = Gen.arrayOfLength up (Gen.choose (1, 100) |> Gen.map (fun k -> 1.0 + float k / 10.0))
            return Array.append heights (Array.create down 0.5)
        }
        |> Arb.fromGen
    Prop.forAll single (fun xs ->
        extract AvalancheMode.Seeded SizeRule.AboveThreshold xs 1.0
        |> List.map (fun a -> a.Start, a.Duration, a.Size, a.Censored)
            = (extract AvalancheMode.Spontaneous SizeRule.AboveThreshold xs 1.0 |> List.map (fun a -> a.Start, a.Duration, a.Size, a.Censored)))

[<Test>]
let ``seeded mode emits nothing when the first layer is at threshold`` () =
    Assert.That(extract AvalancheMode.Seeded SizeRule.AboveThreshold [| 1.0; 5.0; 5.0 |] 1.0, Is.Empty)

[<Test>]
let ``per-layer thresholds apply layer by layer`` () =
    let result = ResizeArray<Avalanche>()
    AvalancheExtractor(LayerThresholds.PerLayer [| 1.0; 2.0; 3.0 |], AvalancheMode.Spontaneous).Extract(0L, 0, System.ReadOnlySpan<float>([| 1.5; 2.5; 2.5 |]), System.Action<Avalanche>(result.Add))
    Assert.That(result.Count, Is.EqualTo 1)
    Assert.That(result.[0].Duration, Is.EqualTo 2)
    Assert.That(result.[0].Size, Is.EqualTo(1.0).Within(1e-12))
    Assert.That(result.[0].Censored, Is.False)

[<Test>]
let ``threshold rules resolve quantiles and parse their text form`` () =
    let pilot = [| [| 1.0; 2.0; 3.0 |]; [| 3.0; 4.0; 5.0 |] |] :> System.Collections.Generic.IReadOnlyList<float[]>
    Assert.That((ThresholdRule.Parse "quantile:0.5").Resolve(pilot).[0], Is.EqualTo 3.0)
    let perLayer = (ThresholdRule.Parse "layer-quantile:0.5").Resolve(pilot)
    Assert.That([ perLayer.[0]; perLayer.[1]; perLayer.[2] ], Is.EqualTo<float list>([ 2.0; 3.0; 4.0 ]))
    Assert.That((ThresholdRule.Parse "1e-3").Spec, Is.EqualTo "absolute:0.001")
    Assert.That((ThresholdRule.Parse "relative:0.5").Resolve(reference = [| 2.0; 4.0 |]).[1], Is.EqualTo 2.0)
    Assert.Throws<System.FormatException>(fun () -> ThresholdRule.Parse "quantile:1.5" |> ignore) |> ignore
    Assert.Throws<System.FormatException>(fun () -> ThresholdRule.Parse "median:0.5" |> ignore) |> ignore

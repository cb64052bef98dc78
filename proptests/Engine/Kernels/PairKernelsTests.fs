/// The fused pair-layer kernels (PairKernels) against their plain scalar references (PairKernelsReference).
module Dip.PropTests.Engine.Kernels.PairKernelsTests

open System
open NUnit.Framework
open Dip.Engine.Kernels

let private eps = 2.220446049250313e-16

/// Deterministic values of either sign; every 7th delta is tiny (below the midpoint threshold 1e-5) and one is exactly
/// at it, so both branches of the Delta phi rule occur inside one vector.
let private values (count: int) (salt: float) = Array.init count (fun i -> 2.5 * sin (float i * 1.3 + salt))
let private deltas (count: int) =
    Array.init count (fun i ->
        if i = 5 then 1e-5 elif i % 7 = 3 then 3e-7 * cos (float i) else 0.2 * sin (float i * 0.7 + 0.1))

/// Sums of n terms in another order differ by at most about n eps sum |terms| (Higham, Accuracy and Stability, §4.2).
let private closeSum (what: string) (n: int) (magnitude: float) (fast: float) (slow: float) =
    let allowed = float (n + 2) * eps * magnitude
    if not (abs (fast - slow) <= allowed) then Assert.Fail(sprintf "%s: %.17g vs reference %.17g (allowed %g)" what fast slow allowed)

[<Test>]
let ``Mix matches the reference for every length 0..300`` () =
    let scale, along, across = 0.83, -0.31, 0.052
    for length in 0 .. 300 do
        let z1, z2 = values length 0.2, values length 1.9
        let h, d = Array.copy z1, Array.copy z2
        let hr, dr = Array.copy z1, Array.copy z2
        PairKernels.Mix(Span h, Span d, scale, along, across)
        PairKernelsReference.Mix(Span hr, Span dr, scale, along, across)
        for i in 0 .. length - 1 do
            // h = scale z1 is one rounding both ways; delta differs by the fused multiply-add (one rounding fewer):
            // at most one rounding of each of the two products, eps (|along z1| + |across z2|).
            Assert.That(h[i], Is.EqualTo hr[i])
            Assert.That(abs (d[i] - dr[i]), Is.LessThanOrEqualTo(eps * (abs (along * z1[i]) + abs (across * z2[i]))))

[<Test>]
let ``Moments matches the reference for every length 0..300`` () =
    for length in 0 .. 300 do
        let h, d = values length 0.4, deltas length
        let hb, half, hbr, halfr = Array.zeroCreate length, Array.zeroCreate length, Array.zeroCreate length, Array.zeroCreate length
        let mutable fast = PairStateSums()
        let mutable slow = PairStateSums()
        let smallFast = PairKernels.Moments(ReadOnlySpan h, ReadOnlySpan d, Span hb, Span half, 0.1, &fast)
        let smallSlow = PairKernelsReference.Moments(ReadOnlySpan h, ReadOnlySpan d, Span hbr, Span halfr, 0.1, &slow)
        Assert.That(smallFast, Is.EqualTo smallSlow, "small count")
        Assert.That(fast.Active, Is.EqualTo slow.Active, "active count")
        // h + d and h + d/2 are one rounding each way (d/2 is exact): bit-identical.
        Assert.That((hb = hbr), Is.True, "h + delta")
        Assert.That((half = halfr), Is.True, "h + delta / 2")
        let absSum (a: float[]) = a |> Array.sumBy abs
        closeSum "sum h" length (absSum h) fast.H slow.H
        closeSum "sum h^2" length (h |> Array.sumBy (fun x -> x * x)) fast.H2 slow.H2
        closeSum "sum delta" length (absSum d) fast.D slow.D
        closeSum "sum delta^2" length (d |> Array.sumBy (fun x -> x * x)) fast.D2 slow.D2

[<Test>]
let ``Moments counts NaN neither as small nor as active`` () =
    let d = Array.init 19 (fun i -> if i % 4 = 0 then nan else 1e-7)
    let h = Array.zeroCreate 19
    let mutable s = PairStateSums()
    let small = PairKernels.Moments(ReadOnlySpan h, ReadOnlySpan d, Span(Array.zeroCreate 19), Span(Array.zeroCreate 19), 1e-9, &s)
    Assert.That(small, Is.EqualTo 14)
    Assert.That(s.Active, Is.EqualTo 14L)

[<Test>]
let ``Gram matches the reference for every length 0..300 and never reads the branch not taken`` () =
    for length in 0 .. 300 do
        let a, d = values length 0.7 |> Array.map tanh, deltas length
        let small i = abs d[i] < PairKernels.MidpointBelow
        // The unused entries are NaN: any use of them would poison the sums.
        let b = Array.init length (fun i -> if small i then nan else tanh (2.5 * sin (float i * 1.3 + 0.7) + d[i]))
        let slope = Array.init length (fun i -> if small i then 1.0 - a[i] * a[i] else nan)
        let mutable fast = PairGramSums()
        let mutable slow = PairGramSums()
        PairKernels.Gram(ReadOnlySpan a, ReadOnlySpan b, ReadOnlySpan d, ReadOnlySpan slope, &fast)
        PairKernelsReference.Gram(ReadOnlySpan a, ReadOnlySpan b, ReadOnlySpan d, ReadOnlySpan slope, &slow)
        let dphi = Array.init length (fun i -> if small i then d[i] * slope[i] else b[i] - a[i])
        closeSum "sum phiA^2" length (a |> Array.sumBy (fun x -> x * x)) fast.AA slow.AA
        closeSum "sum phiA dphi" length (Array.map2 (fun x y -> abs (x * y)) a dphi |> Array.sum) fast.AD slow.AD
        closeSum "sum dphi^2" length (dphi |> Array.sumBy (fun x -> x * x)) fast.DD slow.DD

[<Test>]
let ``MixMoments matches the reference for every length 0..300`` () =
    // along and across chosen so that some |delta_i| fall below the midpoint threshold.
    let scale, along, across = 0.83, 1e-6, 2e-6
    for length in 0 .. 300 do
        let f1, f2 = values length 0.2 |> Array.map float32, values length 1.9 |> Array.map float32
        let out () = Array.zeroCreate<float> length
        let h, d, hb, half = out (), out (), out (), out ()
        let hr, dr, hbr, halfr = out (), out (), out (), out ()
        let mutable fast = PairStateSums()
        let mutable slow = PairStateSums()
        let smallFast = PairKernels.MixMoments(ReadOnlySpan f1, ReadOnlySpan f2, Span h, Span d, Span hb, Span half, scale, along, across, 1e-6, &fast)
        let smallSlow = PairKernelsReference.MixMoments(ReadOnlySpan f1, ReadOnlySpan f2, Span hr, Span dr, Span hbr, Span halfr, scale, along, across, 1e-6, &slow)
        for i in 0 .. length - 1 do
            // h is one rounding both ways; delta differs by the fused multiply-add (see the Mix test); so do h + delta
            // and h + delta / 2, by at most that amount plus one rounding of the sum.
            let dAllowed = eps * (abs (along * float f1[i]) + abs (across * float f2[i]))
            Assert.That(h[i], Is.EqualTo hr[i])
            Assert.That(abs (d[i] - dr[i]), Is.LessThanOrEqualTo dAllowed)
            Assert.That(abs (hb[i] - hbr[i]), Is.LessThanOrEqualTo(dAllowed + eps * abs hbr[i]))
            Assert.That(abs (half[i] - halfr[i]), Is.LessThanOrEqualTo(dAllowed + eps * abs halfr[i]))
        // A delta within rounding of a threshold could flip a count; these inputs keep clear of both thresholds.
        Assert.That(smallFast, Is.EqualTo smallSlow, "small count")
        Assert.That(fast.Active, Is.EqualTo slow.Active, "active count")
        Assert.That(smallSlow > 0 || length < 3, Is.True, "the inputs exercise the midpoint branch")
        closeSum "sum h" length (hr |> Array.sumBy abs) fast.H slow.H
        closeSum "sum h^2" length (hr |> Array.sumBy (fun x -> x * x)) fast.H2 slow.H2
        closeSum "sum delta" length (dr |> Array.sumBy abs) fast.D slow.D
        closeSum "sum delta^2" length (dr |> Array.sumBy (fun x -> x * x)) fast.D2 slow.D2

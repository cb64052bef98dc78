/// Branching-ratio estimators along depth (or time). activity: one row per trial, row i = A^0 .. A^(L_i - 1) (rows may
/// differ in length; values finite and >= 0).
module Dip.Analysis.Crackling.BranchingRatio

open System

/// Naive estimator: for each layer l, the mean over trials with A^l > 0 of A^(l+1) / A^l.
type NaiveRatio =
    { /// Per-layer mean ratio, length (longest row - 1); NaN where no trial has A^l > 0 and a layer l + 1.
      PerLayer: float[]
      /// Per-layer standard error (sample SD / sqrt count; NaN when count < 2).
      StandardErrors: float[]
      /// Per-layer number of ratios.
      Counts: int[]
      /// Mean of all ratios pooled over layers (NaN when there are none).
      Pooled: float }

/// Multistep-regression estimate (Wilting & Priesemann, Nat. Commun. 9, 2325 (2018)).
type MultistepRatio =
    { /// Branching ratio m of the fit r_k = b m^k.
      M: float
      /// Amplitude b (1 without subsampling; smaller under subsampling, which leaves m unbiased).
      B: float
      /// Regression slopes r_k of A_(t+k) on A_t, k = 1 .. kmax (length kmax).
      Slopes: float[] }

let private validate (activity: float[][]) =
    if isNull activity then raise (ArgumentNullException(nameof activity))
    activity |> Array.iteri (fun i row ->
        if isNull row then raise (ArgumentException($"activity row {i} is null", nameof activity))
        row |> Array.iteri (fun l v ->
            if not (v >= 0.0) || Double.IsInfinity v then
                raise (ArgumentException($"activity[{i}][{l}] must be finite and >= 0, got {v}", nameof activity))))

/// The naive estimator <A^(l+1) / A^l> per layer and pooled. Throws ArgumentException for negative or non-finite values.
let naive (activity: float[][]) : NaiveRatio =
    validate activity
    let layers = (activity |> Array.fold (fun acc r -> max acc r.Length) 0) - 1 |> max 0
    let sums = Array.zeroCreate layers
    let sums2 = Array.zeroCreate layers
    let counts = Array.zeroCreate layers
    for row in activity do
        for l in 0 .. row.Length - 2 do
            if row[l] > 0.0 then
                let r = row[l + 1] / row[l]
                sums[l] <- sums[l] + r
                sums2[l] <- sums2[l] + r * r
                counts[l] <- counts[l] + 1
    let means = Array.init layers (fun l -> if counts[l] = 0 then nan else sums[l] / float counts[l])
    let ses =
        Array.init layers (fun l ->
            let n = float counts[l]
            if counts[l] < 2 then nan else sqrt (max 0.0 (sums2[l] - n * means[l] * means[l]) / (n - 1.0) / n))
    let total = Array.sum counts
    { PerLayer = means; StandardErrors = ses; Counts = counts
      Pooled = (if total = 0 then nan else Array.sum sums / float total) }

/// Slope of the least-squares regression of A_(t+k) on A_t over all pairs inside each row.
let private slope (activity: float[][]) (k: int) =
    let mutable n = 0.0
    let mutable sx = 0.0
    let mutable sy = 0.0
    for row in activity do
        for t in 0 .. row.Length - 1 - k do
            n <- n + 1.0
            sx <- sx + row[t]
            sy <- sy + row[t + k]
    let mx, my = sx / n, sy / n
    let mutable sxy = 0.0
    let mutable sxx = 0.0
    for row in activity do
        for t in 0 .. row.Length - 1 - k do
            sxy <- sxy + (row[t] - mx) * (row[t + k] - my)
            sxx <- sxx + (row[t] - mx) * (row[t] - mx)
    sxy / sxx

/// Multistep regression: slopes r_k for k = 1 .. kmax, then least squares of r_k = b m^k (log-linear start on the
/// positive slopes, then Gauss-Newton). Throws ArgumentException for kmax < 2, invalid values, fewer than 2 positive
/// slopes, or data with no pairs or no variance at some lag k.
let multistep (kmax: int) (activity: float[][]) : MultistepRatio =
    if kmax < 2 then raise (ArgumentException($"kmax must be >= 2, got {kmax}", nameof kmax))
    validate activity
    let r = Array.init kmax (fun i -> slope activity (i + 1))
    if r |> Array.exists (fun v -> Double.IsNaN v || Double.IsInfinity v) then
        raise (ArgumentException($"activity has no pairs or no variance at some lag <= {kmax}", nameof activity))
    let positive = [| for i in 0 .. kmax - 1 do if r[i] > 0.0 then float (i + 1), log r[i] |]
    if positive.Length < 2 then
        raise (ArgumentException($"need >= 2 positive regression slopes, got {positive.Length}", nameof activity))
    let struct (lnB, lnM) = MathNet.Numerics.Fit.Line(Array.map fst positive, Array.map snd positive)
    let mutable b = exp lnB
    let mutable m = exp lnM
    for _ in 1 .. 50 do
        // Normal equations of the 2-parameter Gauss-Newton step for residuals r_k - b m^k.
        let mutable jbb = 0.0
        let mutable jbm = 0.0
        let mutable jmm = 0.0
        let mutable gb = 0.0
        let mutable gm = 0.0
        for i in 0 .. kmax - 1 do
            let k = float (i + 1)
            let mk = m ** k
            let db, dm = mk, b * k * m ** (k - 1.0)
            let res = r[i] - b * mk
            jbb <- jbb + db * db
            jbm <- jbm + db * dm
            jmm <- jmm + dm * dm
            gb <- gb + db * res
            gm <- gm + dm * res
        let det = jbb * jmm - jbm * jbm
        if det > 0.0 then
            b <- b + (jmm * gb - jbm * gm) / det
            m <- m + (jbb * gm - jbm * gb) / det
    { M = m; B = b; Slopes = r }

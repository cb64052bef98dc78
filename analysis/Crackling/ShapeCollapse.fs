/// Shape collapse of mean avalanche profiles (theory.md §4.4, §4.6; Marshall et al., Front. Physiol. 7:250 (2016)):
/// <s(t) | D> = D^(gamma - 1) F(t / D).
///
/// Time convention: value k (k = 0 .. D-1) of a profile of duration D sits at u_k = (k + 1/2) / D; the profile is taken
/// to be 0 at u = 0 and u = 1, and is interpolated linearly between these D + 2 points onto GridSize points u_j = j / (GridSize - 1).
module Dip.Analysis.Crackling.ShapeCollapse

open System
open Dip.Engine.Avalanches

/// Number of points of the common grid on u = t/D in [0, 1].
[<Literal>]
let GridSize = 1000

/// Result of a shape collapse.
type Collapse =
    { /// The collapse exponent (argmin of Err), precision 1e-3.
      Gamma: float
      /// Err at Gamma.
      Error: float
      /// Collapsed mean shape on the grid (length GridSize), normalized to unit integral over [0, 1].
      Shape: float[]
      /// L2 distances (root mean square over the grid) between Shape and the unit-integral parabola 6 u(1-u) and
      /// semicircle (8/pi) sqrt(u(1-u)).
      ParabolaResidual: float
      SemicircleResidual: float
      /// "parabola" or "semicircle", whichever residual is smaller.
      Family: string
      /// Durations used (ascending) and their avalanche counts.
      Durations: int[]
      Counts: int[] }

/// The grid u_j = j / (GridSize - 1), length GridSize.
let grid : float[] = Array.init GridSize (fun j -> float j / float (GridSize - 1))

/// Linear interpolation of a mean profile (length D >= 1) onto the grid, with the module's time convention.
let interpolate (profile: float[]) : float[] =
    let d = profile.Length
    if d < 1 then raise (ArgumentException("profile must have length >= 1, got 0", nameof profile))
    let value k = if k < 0 || k >= d then 0.0 else profile[k]
    let position k = if k < 0 then 0.0 elif k >= d then 1.0 else (float k + 0.5) / float d
    grid |> Array.map (fun u ->
        // Left knot index k in -1 .. d-1 such that position k <= u <= position (k+1).
        let k = min (d - 1) (int (floor (u * float d - 0.5)))
        let k = max -1 k
        let x0, x1 = position k, position (k + 1)
        let t = if x1 > x0 then (u - x0) / (x1 - x0) else 0.0
        value k + t * (value (k + 1) - value k))

let private trapezoid (f: float[]) =
    let h = 1.0 / float (f.Length - 1)
    h * (Array.sum f - 0.5 * (f[0] + f[f.Length - 1]))

let private normalize (f: float[]) =
    let area = trapezoid f
    f |> Array.map (fun v -> v / area)

let private rms (a: float[]) (b: float[]) = sqrt (Array.fold2 (fun acc x y -> acc + (x - y) * (x - y)) 0.0 a b / float a.Length)

/// Unit-integral parabola 6 u(1-u) on the grid.
let parabola : float[] = grid |> Array.map (fun u -> u * (1.0 - u)) |> normalize
/// Unit-integral semicircle (8/pi) sqrt(u(1-u)) on the grid.
let semicircle : float[] = grid |> Array.map (fun u -> sqrt (u * (1.0 - u))) |> normalize

/// Err(x) = mean over the grid of the variance over durations of D^(1-x) I_D(u), divided by the squared range (max - min)
/// of all scaled values. curves: (D, interpolated mean profile of length GridSize) for each duration.
let error (curves: (int * float[])[]) (x: float) : float =
    let scaled = curves |> Array.map (fun (d, f) -> let c = float d ** (1.0 - x) in f |> Array.map (fun v -> c * v))
    let n = float scaled.Length
    let mutable lo = Double.PositiveInfinity
    let mutable hi = Double.NegativeInfinity
    let mutable total = 0.0
    for j in 0 .. GridSize - 1 do
        let mutable s = 0.0
        let mutable s2 = 0.0
        for f in scaled do
            let v = f[j]
            s <- s + v
            s2 <- s2 + v * v
            lo <- min lo v
            hi <- max hi v
        let mean = s / n
        total <- total + max 0.0 (s2 / n - mean * mean)
    total / float GridSize / ((hi - lo) * (hi - lo))

let private argmin (f: float -> float) (lo: float) (hi: float) (step: float) =
    let count = int (Math.Round((hi - lo) / step))
    [| 0 .. count |] |> Array.map (fun i -> lo + float i * step) |> Array.minBy f

/// Shape collapse of given mean profiles: means = (D, count, mean profile of length D), one per duration. Scans x in
/// [0, 4] step 0.1, then refines twice by 10 (steps 0.01 and 0.001) around the minimum of Err. Throws ArgumentException
/// for fewer than 2 durations or a profile whose length differs from its D.
let collapseMeans (means: (int * int * float[])[]) : Collapse =
    if isNull means then raise (ArgumentNullException(nameof means))
    if means.Length < 2 then raise (ArgumentException($"need >= 2 durations, got {means.Length}", nameof means))
    for (d, _, p) in means do
        if isNull p || p.Length <> d || d < 1 then
            raise (ArgumentException($"mean profile for D = {d} must have length D >= 1", nameof means))
    let means = means |> Array.sortBy (fun (d, _, _) -> d)
    let curves = means |> Array.map (fun (d, _, p) -> d, interpolate p)
    let err = error curves
    let x1 = argmin err 0.0 4.0 0.1
    let x2 = argmin err (max 0.0 (x1 - 0.1)) (min 4.0 (x1 + 0.1)) 0.01
    let x3 = argmin err (max 0.0 (x2 - 0.01)) (min 4.0 (x2 + 0.01)) 0.001
    let shape =
        Array.init GridSize (fun j -> curves |> Array.averageBy (fun (d, f) -> float d ** (1.0 - x3) * f[j])) |> normalize
    let rp, rs = rms shape parabola, rms shape semicircle
    { Gamma = x3; Error = err x3; Shape = shape; ParabolaResidual = rp; SemicircleResidual = rs
      Family = (if rp <= rs then "parabola" else "semicircle")
      Durations = means |> Array.map (fun (d, _, _) -> d); Counts = means |> Array.map (fun (_, n, _) -> n) }

/// Mean profiles (D, count, mean profile) of the uncensored avalanches with D > dMin and at least nMin avalanches,
/// ascending in D. Throws ArgumentException for nMin < 1, dMin < 0, or an uncensored avalanche with D > dMin whose
/// profile is missing or not of length D.
let meanProfiles (nMin: int) (dMin: int) (avalanches: Avalanche seq) : (int * int * float[])[] =
    if nMin < 1 then raise (ArgumentException($"nMin must be >= 1, got {nMin}", nameof nMin))
    if dMin < 0 then raise (ArgumentException($"dMin must be >= 0, got {dMin}", nameof dMin))
    if isNull (box avalanches) then raise (ArgumentNullException(nameof avalanches))
    avalanches
    |> Seq.filter (fun a -> not a.Censored && a.Duration > dMin)
    |> Seq.map (fun a ->
        if isNull a.Profile || a.Profile.Length <> a.Duration then
            let len = if isNull a.Profile then "none" else string a.Profile.Length
            raise (ArgumentException($"avalanche (trial {a.Trial}, start {a.Start}) has duration {a.Duration} but profile length {len}", nameof avalanches))
        a)
    |> Seq.groupBy (fun a -> a.Duration)
    |> Seq.map (fun (d, xs) -> d, Array.ofSeq xs)
    |> Seq.filter (fun (_, xs) -> xs.Length >= nMin)
    |> Seq.sortBy fst
    |> Seq.map (fun (d, xs) -> d, xs.Length, Array.init d (fun k -> xs |> Array.averageBy (fun a -> a.Profile[k])))
    |> Array.ofSeq

/// Shape collapse (NCC algorithm, theory §4.6) of the uncensored avalanches: meanProfiles nMin dMin, then collapseMeans.
/// Throws ArgumentException as those do (fewer than 2 durations qualifying included).
let collapse (nMin: int) (dMin: int) (avalanches: Avalanche seq) : Collapse =
    let means = meanProfiles nMin dMin avalanches
    if means.Length < 2 then
        raise (ArgumentException($"need >= 2 durations D > {dMin} with >= {nMin} avalanches, got {means.Length}", nameof avalanches))
    collapseMeans means

/// Brent's derivative-free 1-D minimizer (golden section + parabolic interpolation; Brent, Algorithms for
/// Minimization without Derivatives, 1973, ch. 5).
module Dip.Analysis.Special.Brent

open System

/// Minimizes f on [lo, hi] to absolute tolerance tol in x. Returns the abscissa of the minimum found.
/// Throws ArgumentException when lo >= hi or tol <= 0.
let minimize (f: float -> float) (lo: float) (hi: float) (tol: float) : float =
    if not (lo < hi) then invalidArg (nameof lo) $"lo must be < hi, got lo={lo}, hi={hi}"
    if not (tol > 0.0) then invalidArg (nameof tol) $"tol must be > 0, got {tol}"
    let golden = 0.5 * (3.0 - sqrt 5.0)
    let mutable a = lo
    let mutable b = hi
    let mutable x = a + golden * (b - a)
    let mutable w = x
    let mutable v = x
    let mutable fx = f x
    let mutable fw = fx
    let mutable fv = fx
    let mutable d = 0.0
    let mutable e = 0.0
    let mutable iter = 0
    let mutable fin = false
    while not fin && iter < 200 do
        iter <- iter + 1
        let m = 0.5 * (a + b)
        let tol1 = 1e-12 * abs x + tol / 3.0
        let tol2 = 2.0 * tol1
        if abs (x - m) <= tol2 - 0.5 * (b - a) then fin <- true
        else
            let mutable golden_step = true
            if abs e > tol1 then
                let r = (x - w) * (fx - fv)
                let mutable q = (x - v) * (fx - fw)
                let mutable p = (x - v) * q - (x - w) * r
                q <- 2.0 * (q - r)
                if q > 0.0 then p <- -p
                q <- abs q
                if abs p < abs (0.5 * q * e) && p > q * (a - x) && p < q * (b - x) then
                    e <- d
                    d <- p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 then d <- (if x < m then tol1 else -tol1)
                    golden_step <- false
            if golden_step then
                e <- (if x < m then b - x else a - x)
                d <- golden * e
            let u = if abs d >= tol1 then x + d else x + (if d > 0.0 then tol1 else -tol1)
            let fu = f u
            if fu <= fx then
                if u < x then b <- x else a <- x
                v <- w; fv <- fw; w <- x; fw <- fx; x <- u; fx <- fu
            else
                if u < x then a <- u else b <- u
                if fu <= fw || w = x then
                    v <- w; fv <- fw; w <- u; fw <- fu
                elif fu <= fv || v = x || v = w then
                    v <- u; fv <- fu
    x

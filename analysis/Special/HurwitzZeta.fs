/// Hurwitz zeta function zeta(s, a) = sum_{k>=0} (k + a)^-s and finite power sums, by Euler-Maclaurin summation
/// (theory.md §6.2): M = 20 direct terms, then the integral, half-term and Bernoulli corrections B_2..B_16.
/// Accuracy ~1e-15 relative for s > 1, a >= 1.
module Dip.Analysis.Special.HurwitzZeta

open System

let private directTerms = 20

/// B_{2j} / (2j)! for j = 1..8.
let private bernoulliOverFactorial =
    let b = [| 1.0 / 6.0; -1.0 / 30.0; 1.0 / 42.0; -1.0 / 30.0; 5.0 / 66.0; -691.0 / 2730.0; 7.0 / 6.0; -3617.0 / 510.0 |]
    let mutable fact = 1.0
    Array.init b.Length (fun j ->
        fact <- fact * float (2 * j + 1) * float (2 * j + 2)
        b[j] / fact)

let private check (s: float) (a: float) =
    if not (s > 1.0) || Double.IsInfinity s then invalidArg (nameof s) $"s must be finite and > 1, got {s}"
    if not (a > 0.0) || Double.IsInfinity a then invalidArg (nameof a) $"a must be finite and > 0, got {a}"

/// Unchecked core: zeta(s, a) and its first two derivatives in s.
let internal derivativesCore (s: float) (a: float) : struct (float * float * float) =
    let mutable z0 = 0.0
    let mutable z1 = 0.0
    let mutable z2 = 0.0
    for k in 0 .. directTerms - 1 do
        let x = a + float k
        let l = log x
        let t = Math.Pow(x, -s)
        z0 <- z0 + t
        z1 <- z1 - l * t
        z2 <- z2 + l * l * t
    let big = a + float directTerms
    let l = log big
    // Integral term big^(1-s) / (s-1).
    let e = Math.Pow(big, 1.0 - s)
    let c = 1.0 / (s - 1.0)
    z0 <- z0 + e * c
    z1 <- z1 - e * (l * c + c * c)
    z2 <- z2 + e * (l * l * c + 2.0 * l * c * c + 2.0 * c * c * c)
    // Half term big^-s / 2.
    let h = 0.5 * Math.Pow(big, -s)
    z0 <- z0 + h
    z1 <- z1 - l * h
    z2 <- z2 + l * l * h
    // Bernoulli terms c_j P_j(s) big^(-s-2j+1), P_j(s) = s (s+1) ... (s+2j-2).
    let mutable p = s
    let mutable sumInv = 1.0 / s
    let mutable sumInv2 = 1.0 / (s * s)
    let mutable pw = Math.Pow(big, -s - 1.0)
    for j in 0 .. bernoulliOverFactorial.Length - 1 do
        if j > 0 then
            let s1 = s + float (2 * j - 1)
            let s2 = s + float (2 * j)
            p <- p * s1 * s2
            sumInv <- sumInv + 1.0 / s1 + 1.0 / s2
            sumInv2 <- sumInv2 + 1.0 / (s1 * s1) + 1.0 / (s2 * s2)
            pw <- pw / (big * big)
        let cj = bernoulliOverFactorial[j]
        let p1 = p * sumInv
        let p2 = p * (sumInv * sumInv - sumInv2)
        z0 <- z0 + cj * p * pw
        z1 <- z1 + cj * (p1 - l * p) * pw
        z2 <- z2 + cj * (p2 - 2.0 * l * p1 + l * l * p) * pw
    struct (z0, z1, z2)

/// zeta(s, a) for s > 1, a > 0. Throws ArgumentException otherwise.
[<CompiledName("Value")>]
let value (s: float) (a: float) : float =
    check s a
    let struct (z, _, _) = derivativesCore s a
    z

/// (zeta, d zeta / ds, d^2 zeta / ds^2) at (s, a), s > 1, a > 0. Throws ArgumentException otherwise.
[<CompiledName("WithDerivatives")>]
let withDerivatives (s: float) (a: float) : struct (float * float * float) =
    check s a
    derivativesCore s a

let internal expm1 (x: float) =
    if abs x < 1e-2 then x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0 + x * (1.0 / 720.0 + x / 5040.0))))))
    else exp x - 1.0

/// Unchecked core of powerSum: sum_{k=a}^{b} k^-s for integers 1 <= a <= b (b = +infinity needs s > 1).
let internal powerSumCore (s: float) (a: float) (b: float) : float =
    if Double.IsPositiveInfinity b then
        let struct (z, _, _) = derivativesCore s a
        z
    elif b - a < 64.0 then
        let mutable acc = 0.0
        let mutable k = a
        while k <= b do
            acc <- acc + Math.Pow(k, -s)
            k <- k + 1.0
        acc
    else
        let mutable acc = 0.0
        for k in 0 .. directTerms - 1 do
            acc <- acc + Math.Pow(a + float k, -s)
        let lo = a + float directTerms
        // Finite Euler-Maclaurin on [lo, b]: integral + (f(lo)+f(b))/2 + sum_j c_j P_j(s) (lo^(-s-2j+1) - b^(-s-2j+1)).
        // Integral (lo^(1-s) - b^(1-s)) / (s-1) written with expm1 so that s = 1 is regular.
        let ratio = log (b / lo)
        let x = (1.0 - s) * ratio
        let integral = if x = 0.0 then Math.Pow(lo, 1.0 - s) * ratio else -Math.Pow(lo, 1.0 - s) * expm1 x / (s - 1.0)
        acc <- acc + integral + 0.5 * (Math.Pow(lo, -s) + Math.Pow(b, -s))
        let mutable p = s
        let mutable pwLo = Math.Pow(lo, -s - 1.0)
        let mutable pwB = Math.Pow(b, -s - 1.0)
        for j in 0 .. bernoulliOverFactorial.Length - 1 do
            if j > 0 then
                p <- p * (s + float (2 * j - 1)) * (s + float (2 * j))
                pwLo <- pwLo / (lo * lo)
                pwB <- pwB / (b * b)
            acc <- acc + bernoulliOverFactorial[j] * p * (pwLo - pwB)
        acc

/// sum_{k=a}^{b} k^-s for integers 1 <= a <= b; b may be +infinity when s > 1 (then it is zeta(s, a)).
/// Any real s is allowed for finite b (accurate for s >= -8). Throws ArgumentException on bad arguments.
[<CompiledName("PowerSum")>]
let powerSum (s: float) (a: float) (b: float) : float =
    if Double.IsNaN s || Double.IsInfinity s then invalidArg (nameof s) $"s must be finite, got {s}"
    if not (a >= 1.0) || a <> floor a || Double.IsInfinity a then invalidArg (nameof a) $"a must be an integer >= 1, got {a}"
    if not (b >= a) || (b <> floor b && not (Double.IsPositiveInfinity b)) then
        invalidArg (nameof b) $"b must be an integer >= a or +infinity, got {b}"
    if Double.IsPositiveInfinity b && not (s > 1.0) then invalidArg (nameof s) $"s must be > 1 for an infinite sum, got {s}"
    powerSumCore s a b

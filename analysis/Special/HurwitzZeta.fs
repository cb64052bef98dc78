/// The Hurwitz zeta function zeta(s, a) = sum_{k >= 0} (k + a)^-s and its first two derivatives in s, by Euler-Maclaurin
/// summation (theory.md §6.2): 20 direct terms, the integral and half-term corrections, and Bernoulli terms B_2..B_16,
/// each differentiated analytically. Relative accuracy ~1e-15 for s > 1, a > 0.
module Dip.Analysis.Special.HurwitzZeta

open System

let private direct = 20

/// B_2j / (2j)! for j = 1..8.
let private bernoulliOverFactorial =
    let b = [| 1.0 / 6.0; -1.0 / 30.0; 1.0 / 42.0; -1.0 / 30.0; 5.0 / 66.0; -691.0 / 2730.0; 7.0 / 6.0; -3617.0 / 510.0 |]
    b |> Array.mapi (fun i bj -> bj / MathNet.Numerics.SpecialFunctions.Factorial(2 * (i + 1)))

/// zeta(s, a) with its first and second derivatives in s: (value, d/ds, d^2/ds^2). Requires s > 1 and a > 0.
[<CompiledName("WithDerivatives")>]
let withDerivatives (s: float) (a: float) : struct (float * float * float) =
    if not (s > 1.0) then invalidArg (nameof s) $"zeta(s, a) needs s > 1, got s = {s}"
    if not (a > 0.0) || Double.IsInfinity a then invalidArg (nameof a) $"zeta(s, a) needs a finite a > 0, got a = {a}"
    let mutable z, z1, z2 = 0.0, 0.0, 0.0
    for k in 0 .. direct - 1 do
        let x = a + float k
        let l = log x
        let t = exp (-s * l)
        z <- z + t
        z1 <- z1 - l * t
        z2 <- z2 + l * l * t
    let big = a + float direct
    let l = log big
    // integral term A^(1-s)/(s-1)
    let f = exp ((1.0 - s) * l)
    let g, g1, g2 = 1.0 / (s - 1.0), -1.0 / ((s - 1.0) ** 2.0), 2.0 / ((s - 1.0) ** 3.0)
    z <- z + f * g
    z1 <- z1 + (-l * f) * g + f * g1
    z2 <- z2 + (l * l * f) * g + 2.0 * (-l * f) * g1 + f * g2
    // half term A^-s / 2
    let h = exp (-s * l) / 2.0
    z <- z + h
    z1 <- z1 - l * h
    z2 <- z2 + l * l * h
    // Bernoulli terms c_j s(s+1)...(s+2j-2) A^(-s-2j+1)
    for j in 1 .. bernoulliOverFactorial.Length do
        let mutable p, sum1, sum2 = 1.0, 0.0, 0.0
        for i in 0 .. 2 * j - 2 do
            let x = s + float i
            p <- p * x
            sum1 <- sum1 + 1.0 / x
            sum2 <- sum2 + 1.0 / (x * x)
        let p1 = p * sum1
        let p2 = p * (sum1 * sum1 - sum2)
        let e = exp ((-s - float (2 * j) + 1.0) * l)
        let c = bernoulliOverFactorial.[j - 1]
        z <- z + c * p * e
        z1 <- z1 + c * (p1 * e - p * l * e)
        z2 <- z2 + c * (p2 * e - 2.0 * p1 * l * e + p * l * l * e)
    struct (z, z1, z2)

/// zeta(s, a) for s > 1, a > 0.
[<CompiledName("Value")>]
let value (s: float) (a: float) : float =
    let struct (z, _, _) = withDerivatives s a
    z

/// Poisson variates from a counter-based cursor: multiplication (Knuth) for small means, and for mean >= 10 the
/// transformed rejection with squeeze of Hoermann (1993), "The transformed rejection method for generating Poisson
/// random variables", Insurance: Mathematics and Economics 12, 39-45.
module Dip.Analysis.Generators.Poisson

open Dip.Engine.Random

/// One Poisson(lambda) variate, lambda >= 0.
let sample (c: RandomCursor) (lambda: float) : int64 =
    if lambda <= 0.0 then 0L
    elif lambda < 10.0 then
        let limit = exp (-lambda)
        let mutable k, p = 0L, c.NextDouble()
        while p > limit do
            k <- k + 1L
            p <- p * c.NextDouble()
        k
    else
        let sq = sqrt lambda
        let logLambda = log lambda
        let b = 0.931 + 2.53 * sq
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2.0)
        let mutable result = -1L
        while result < 0L do
            let u = c.NextDouble() - 0.5
            let v = c.NextDouble()
            let us = 0.5 - abs u
            let k = floor ((2.0 * a / us + b) * u + lambda + 0.43)
            if us >= 0.07 && v <= vr then result <- int64 k
            elif k >= 0.0 && not (us < 0.013 && v > us) then
                if log v + log invAlpha - log (a / (us * us) + b) <= -lambda + k * logLambda - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1.0) then
                    result <- int64 k
        result

/// Goodness of fit by the semi-parametric bootstrap of Clauset, Shalizi & Newman (2009, §4.1; theory.md §6.4): each
/// synthetic set draws, point by point, from the fitted power law with probability n_tail/n and otherwise resamples the
/// observed values below xmin; it is refitted with the full procedure (xmin scan included) and its KS distance compared
/// with the observed one. Resample j uses stream (seed, j, 0, Resampling): the p-value is the same for any thread count.
module Dip.Analysis.PowerLaw.GoodnessOfFit

open Dip.Engine.Random
open Dip.Analysis.Generators

/// The bootstrap p-value = fraction of synthetic KS distances >= the observed one, over k resamples.
[<CompiledName("BootstrapPValue")>]
let bootstrapPValue (options: Fit.FitOptions) (data: float[]) (fitted: PowerLawFit) (k: int) (seed: uint64) : float =
    if k < 1 then invalidArg (nameof k) $"the bootstrap needs at least 1 resample, got {k}"
    let body = data |> Array.filter (fun x -> x < fitted.Xmin)
    let n = data.Length
    let tailProbability = float fitted.NTail / float n
    let draw (c: RandomCursor) : float -> float =
        match fitted.Discrete, fitted.Xmax with
        | false, None -> fun _ -> PowerLawSampler.drawContinuous c fitted.Alpha fitted.Xmin
        | false, Some b -> fun _ -> PowerLawSampler.drawContinuousTruncated c fitted.Alpha fitted.Xmin b
        | true, xmax ->
            let cdf = Discrete.cdf fitted.Alpha fitted.Xmin xmax
            fun _ -> PowerLawSampler.drawDiscrete c (fun x -> 1.0 - cdf (x - 1.0)) fitted.Xmin
    let exceed =
        Array.Parallel.init k (fun j ->
            let c = RandomCursor(RandomStream.For(seed, int64 j, 0, StreamRole.Resampling))
            let next = draw c
            let synthetic =
                Array.init n (fun _ ->
                    if body.Length = 0 || c.NextDouble() < tailProbability then next 0.0
                    else body.[c.NextInt body.Length])
            let refit = Fit.fit { options with Discrete = Some fitted.Discrete } synthetic
            if refit.Ks >= fitted.Ks then 1 else 0)
    float (Array.sum exceed) / float k

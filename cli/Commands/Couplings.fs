/// `dip couplings`: the stochastic-DIP couplings (r, h, u, D1, D2) of an activation, its predicted class and exponents.
module Dip.Cli.Commands.Couplings

open System
open Argu
open Dip.Engine.Theory
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError

/// Flags of `dip couplings`.
type Args =
    | [<Mandatory>] Activation of spec: string
    | [<Mandatory>] Sigma_W2 of float
    | Sigma_B2 of float
    | Width of int
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Activation _ -> "activation with a Taylor series: tanh, erf, phi-d1, phi-d2, poly:a0,...,a4, tanh(poly:...)"
            | Sigma_W2 _ -> "weight variance sigma_w^2"
            | Sigma_B2 _ -> "bias variance sigma_b^2 (default 0)"
            | Width _ -> "width N: also report the noise amplitudes D1/N, D2/N and the dimension delta = 4 h N / D1"
            | Json -> "print JSON on stdout"

let private examples =
    [ "dip couplings --activation tanh --sigma-w2 1.0 --sigma-b2 0 --json"
      "dip couplings --activation phi-d1 --sigma-w2 1.0 --width 1024 --json" ]

/// The verb's entry point.
let run (argv: string[]) : int =
    guard "couplings" (fun () ->
        match Arguments.parse<Args> "couplings" examples argv with
        | Arguments.HelpShown -> ExitCode.Ok
        | Arguments.Results r ->
            let phi = MeanField.activationOf (r.GetResult Activation)
            if not phi.HasTaylorSeries then badInput "--activation '%s' has no Taylor series at 0, so its couplings are undefined" phi.Spec
            let sw2 = r.GetResult Sigma_W2 |> require "sigma-w2" "a finite number >= 0" (fun x -> Double.IsFinite x && x >= 0.0)
            let sb2 = r.GetResult(Sigma_B2, 0.0) |> require "sigma-b2" "a finite number >= 0" (fun x -> Double.IsFinite x && x >= 0.0)
            let c = Couplings.For(phi, sw2, sb2)
            let e = c.PredictedExponents
            let width =
                match r.TryGetResult Width with
                | Some n ->
                    let n = n |> require "width" ">= 1" (fun n -> n >= 1)
                    [ "width", Json.integer (int64 n); "D1_over_N", Json.number (c.D1 / float n); "D2_over_N", Json.number (c.D2 / float n)
                      "field_dimension", Json.number (c.FieldDimension n) ]
                | None -> []
            let result =
                Json.object (
                    [ "activation", Json.text phi.Spec; "sigma_w2", Json.number sw2; "sigma_b2", Json.number sb2
                      "taylor", Json.array (phi.TaylorCoefficients 5 |> Seq.map Json.number)
                      "r", Json.number c.R; "h", Json.number c.H; "u", Json.number c.U; "D1", Json.number c.D1; "D2", Json.number c.D2
                      "noise_exponent", Json.integer (int64 c.NoiseExponent)
                      "class", Json.text c.PredictedClass
                      "tau_s", Json.number e.TauS; "tau_d", Json.number e.TauD; "gamma", Json.number e.Gamma
                      "absorbing_state", Json.boolean c.HasAbsorbingState
                      "class_caveat",
                      (if c.HasAbsorbingState then null
                       else Json.text "h > 0: no absorbing state; the class's exponents need the field dimension 4hN/D1 << 1 (theory.md §3.5), see --width")
                      "q_star_drift", (if c.U > 0.0 then Json.number c.DriftFixedPoint else null)
                      "chi_h_drift", (if c.U > 0.0 && c.R * c.R + 4.0 * c.U * c.H > 0.0 then Json.number c.FieldSusceptibility else null) ]
                    @ width
                    @ [ "source", Json.text "project derivation (theory.md §3.2-§3.4), not the target paper's published formulas" ])
            if r.Contains Json then printfn "%s" (Json.format result)
            else
                for KeyValue(key, value) in result.AsObject() do
                    printfn "%-16s %s" key (if isNull value then "n/a" else value.ToJsonString())
            ExitCode.Ok)

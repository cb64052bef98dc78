/// `dip meanfield`: mean-field DIP quantities (q*, c*, chi_1, xi_q, xi_c, chi_h), the order-chaos line or the Widom point.
module Dip.Cli.Commands.MeanField

open System
open Argu
open Dip.Engine.Activations
open Dip.Engine.Theory
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError

/// Flags of `dip meanfield`.
type Args =
    | Activation of spec: string
    | Sigma_W2 of float
    | Sigma_B2 of float
    | Critical
    | Widom
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Activation _ -> "activation (default tanh)"
            | Sigma_W2 _ -> "weight variance sigma_w^2 (required unless --critical)"
            | Sigma_B2 _ -> "bias variance sigma_b^2 (default 0)"
            | Critical -> "print the order-chaos line sigma_w^2 where chi_1 = 1 at this sigma_b^2"
            | Widom -> "print the Widom point: the sigma_w^2 where chi_h is largest at this sigma_b^2 > 0"
            | Json -> "print JSON on stdout"

let private examples =
    [ "dip meanfield --activation tanh --sigma-w2 1.5 --sigma-b2 0.05 --json"
      "dip meanfield --activation tanh --sigma-b2 0.05 --critical --json"
      "dip meanfield --activation tanh --sigma-b2 0.05 --widom --json" ]

/// Parses --activation with a message naming the flag.
let activationOf (text: string) =
    try Activation.Parse text
    with :? ArgumentException | :? FormatException as e -> badInput "--activation '%s': %s" text (e.Message.Split('\n').[0])

/// The verb's entry point.
let run (argv: string[]) : int =
    guard "meanfield" (fun () ->
        match Arguments.parse<Args> "meanfield" examples argv with
        | Arguments.HelpShown -> ExitCode.Ok
        | Arguments.Results r ->
            let phi = activationOf (r.GetResult(Activation, "tanh"))
            let sb2 = r.GetResult(Sigma_B2, 0.0) |> require "sigma-b2" "a finite number >= 0" (fun x -> Double.IsFinite x && x >= 0.0)
            let modes = [ if r.Contains Critical then "--critical"
                          if r.Contains Widom then "--widom"
                          if r.Contains Sigma_W2 then "--sigma-w2" ]
            if modes.Length > 1 then badInput "%s cannot be combined: give one of --sigma-w2, --critical, --widom" (String.Join(" and ", modes))
            let result =
                if r.Contains Widom then
                    let w =
                        try WidomLine.At(phi, sb2)
                        with :? ArgumentException as e -> badInput "--widom: %s" (e.Message.Split(" (Parameter").[0])
                    Json.object
                        [ "activation", Json.text phi.Spec; "sigma_b2", Json.number sb2; "sigma_w2_widom", Json.number w.SigmaW2
                          "chi_h_max", Json.number w.Point.ChiH; "q_star", Json.number w.Point.QStar; "chi1", Json.number w.Point.Chi1
                          "xi_q", Json.number w.Point.XiQ ]
                elif r.Contains Critical then
                    let sw2 =
                        try MeanField.CriticalSigmaW2(phi, sb2)
                        with :? ArgumentException as e -> badInput "--critical: %s" (e.Message.Split('\n').[0])
                    Json.object [ "activation", Json.text phi.Spec; "sigma_b2", Json.number sb2; "sigma_w2_critical", Json.number sw2 ]
                else
                    let sw2 =
                        match r.TryGetResult Sigma_W2 with
                        | Some x -> x |> require "sigma-w2" "a finite number > 0" (fun x -> Double.IsFinite x && x > 0.0)
                        | None -> badInput "--sigma-w2 is required (or use --critical or --widom)"
                    let p =
                        try MeanField(phi, sw2, sb2).Solve()
                        with :? NoFiniteFixedPointException as e -> badInput "%s" e.Message
                    Json.object
                        [ "activation", Json.text phi.Spec; "sigma_w2", Json.number sw2; "sigma_b2", Json.number sb2
                          "q_star", Json.number p.QStar; "c_star", Json.number p.CStar; "chi1", Json.number p.Chi1
                          "xi_q", Json.number p.XiQ; "xi_c", Json.number p.XiC; "chi_h", Json.number p.ChiH ]
            if r.Contains Json then printfn "%s" (Json.format result)
            else
                for KeyValue(key, value) in result.AsObject() do
                    printfn "%-18s %s" key (if isNull value then "n/a" else value.ToJsonString())
            ExitCode.Ok)

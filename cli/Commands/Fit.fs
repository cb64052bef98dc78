/// `dip fit`: power-law fit of a data file (CSN: xmin by KS, MLE, bootstrap p-value, likelihood-ratio comparisons).
module Dip.Cli.Commands.Fit

open System
open System.Globalization
open Argu
open Dip.Analysis.PowerLaw
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError
open Dip.Cli.Data

/// Flags of `dip fit`.
type Args =
    | [<Mandatory>] Input of file: string
    | Column of name: string
    | Discrete
    | Continuous
    | Xmin of string
    | Xmax of float
    | Min_Tail of int
    | Bootstrap of resamples: int
    | Compare
    | Seed of uint64
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Input _ -> "plain text with one number per line, or CSV with a header when --column is given"
            | Column _ -> "CSV column to fit"
            | Discrete -> "fit the exact discrete (Hurwitz zeta) law; default for integer-valued data"
            | Continuous -> "fit the continuous law"
            | Xmin _ -> "auto (KS scan; default) or a fixed value"
            | Xmax _ -> "upper truncation (doubly truncated fit)"
            | Min_Tail _ -> "smallest tail the xmin scan may leave (default 50)"
            | Bootstrap _ -> "CSN semi-parametric bootstrap with this many resamples (p_value)"
            | Compare -> "likelihood-ratio tests against exponential, log-normal, stretched exponential, power law with cutoff"
            | Seed _ -> "bootstrap seed (default 1)"
            | Json -> "print JSON on stdout"

let private examples =
    [ "dip fit --input sizes.txt --json"
      "dip fit --input runs/tanh/avalanches.csv --column duration --discrete --xmax 1000 --bootstrap 500 --compare" ]

/// The fit as JSON (keys of the issue's contract).
let fitJson (f: PowerLawFit) : (string * Text.Json.Nodes.JsonNode) list =
    [ "alpha", Json.number f.Alpha; "alpha_se", Json.number f.AlphaSe; "xmin", Json.number f.Xmin
      "xmax", Json.optionalNumber f.Xmax; "n", Json.integer (int64 f.N); "n_tail", Json.integer (int64 f.NTail)
      "ks", Json.number f.Ks; "discrete", Json.boolean f.Discrete; "log_likelihood", Json.number f.LogLikelihood ]

/// The verb's entry point.
let run (argv: string[]) : int =
    guard "fit" (fun () ->
        match Arguments.parse<Args> "fit" examples argv with
        | Arguments.HelpShown -> ExitCode.Ok
        | Arguments.Results r ->
            if r.Contains Discrete && r.Contains Continuous then badInput "--discrete and --continuous exclude each other"
            let data = NumberColumn.read (r.GetResult Input) (r.TryGetResult Column)
            let xmin =
                match r.GetResult(Xmin, "auto") with
                | "auto" -> None
                | text ->
                    match Double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture) with
                    | true, v when Double.IsFinite v && v > 0.0 -> Some v
                    | _ -> badInput "--xmin must be auto or a number > 0, got '%s'" text
            let xmax = r.TryGetResult Xmax |> Option.map (require "xmax" "a finite number > 0" (fun x -> Double.IsFinite x && x > 0.0))
            match xmin, xmax with
            | Some a, Some b when b <= a -> badInput "--xmax must be > --xmin, got xmin %g and xmax %g" a b
            | _ -> ()
            let discrete = if r.Contains Discrete then Some true elif r.Contains Continuous then Some false else None
            if discrete = Some true && not (Fit.isIntegerValued data) then
                badInput "--discrete: %s holds non-integer values" (IO.Path.GetFileName(r.GetResult Input))
            let options =
                { Fit.defaults with
                    Discrete = discrete; Xmin = xmin; Xmax = xmax
                    MinTail = r.GetResult(Min_Tail, 50) |> require "min-tail" ">= 2" (fun t -> t >= 2) }
            let fitted =
                try Fit.fit options data
                with ArgumentError e -> badInput "%s: %s" (IO.Path.GetFileName(r.GetResult Input)) (describe e)
            let pValue =
                r.TryGetResult Bootstrap |> Option.map (fun k ->
                    let k = k |> require "bootstrap" ">= 1" (fun k -> k >= 1)
                    GoodnessOfFit.bootstrapPValue options data fitted k (r.GetResult(Seed, 1UL)))
            let comparisons = if r.Contains Compare then Some(ModelComparison.compare data fitted.Xmin) else None
            let result =
                Json.object (
                    fitJson fitted
                    @ (pValue |> Option.map (fun p -> [ "p_value", Json.number p ]) |> Option.defaultValue [])
                    @ (comparisons
                       |> Option.map (fun cs ->
                           [ "comparisons", Json.array (cs |> List.map (fun c -> Json.object [ "alternative", Json.text c.Alternative; "R", Json.number c.R; "p", Json.number c.P ])) ])
                       |> Option.defaultValue []))
            if r.Contains Json then printfn "%s" (Json.format result)
            else
                printfn "power law (%s): alpha = %.4f +- %.4f, xmin = %g, xmax = %s, n = %d, n_tail = %d, KS = %.4f"
                    (if fitted.Discrete then "discrete" else "continuous") fitted.Alpha fitted.AlphaSe fitted.Xmin
                    (fitted.Xmax |> Option.map string |> Option.defaultValue "none") fitted.N fitted.NTail fitted.Ks
                pValue |> Option.iter (printfn "bootstrap p = %.3f")
                comparisons |> Option.iter (List.iter (fun c -> printfn "  vs %-24s R = %9.3f  p = %.3g" c.Alternative c.R c.P))
            ExitCode.Ok)

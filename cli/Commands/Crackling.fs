/// `dip crackling`: the crackling-noise analysis of avalanches (theory.md §4.5-§4.6): tau_s and tau_d by maximum
/// likelihood, gamma from <S>(D), the crackling-relation prediction, and (with profiles, i.e. from activity data) the
/// shape collapse and its shape family.
module Dip.Cli.Commands.Crackling

open System
open System.IO
open Argu
open Dip.Engine.Avalanches
open Dip.Analysis.Crackling
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError
open Dip.Cli.Data
open Dip.Cli.Report

/// Flags of `dip crackling`.
type Args =
    | Activity of file: string
    | Avalanches of file: string
    | Threshold of rule: string
    | Avalanche_Mode of string
    | Size of string
    | Pilot_Trials of int
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Activity _ -> "activity CSV (trial,layer,activity), cut into avalanches with the code of `dip avalanches`; enables the shape collapse"
            | Avalanches _ -> "avalanches CSV (trial,start,duration,size,censored) as written by `dip avalanches` (no profiles: no shape collapse)"
            | Threshold _ -> "with --activity: threshold rule X or absolute:X, quantile:P, layer-quantile:P (default absolute:1e-3, as dip simulate)"
            | Avalanche_Mode _ -> "with --activity: spontaneous (default) or seeded"
            | Size _ -> "with --activity: above (area above threshold; default) or total (total area)"
            | Pilot_Trials _ -> "with --activity: first trials used to resolve quantile thresholds (default 256)"
            | Json -> "print the results as a JSON object on stdout"

let private examples =
    [ "dip crackling --activity runs/tanh/activity.csv --threshold 1e-3 --json"
      "dip crackling --avalanches runs/tanh/avalanches.csv" ]

/// The verb's entry point.
let run (argv: string[]) : int =
    guard "crackling" (fun () ->
        match Arguments.parse<Args> "crackling" examples argv with
        | Arguments.HelpShown -> ExitCode.Ok
        | Arguments.Results r ->
            let fromActivity = r.Contains Activity
            if fromActivity = r.Contains Avalanches then badInput "give exactly one of --activity FILE and --avalanches FILE"
            if not fromActivity then
                for flag, given in [ "--threshold", r.Contains Threshold; "--avalanche-mode", r.Contains Avalanche_Mode
                                     "--size", r.Contains Size; "--pilot-trials", r.Contains Pilot_Trials ] do
                    if given then badInput "%s applies to --activity only, not to --avalanches" flag
            let input = if fromActivity then r.GetResult Activity else r.GetResult Avalanches
            let avalanches, definitions =
                if fromActivity then
                    let rule = AvalancheOptions.parseRule (r.GetResult(Threshold, "absolute:1e-3"))
                    if rule.NeedsReference then badInput "--threshold %s: the relative rule needs a reference series, which activity files do not carry" rule.Spec
                    let mode = AvalancheOptions.parseMode (r.GetResult(Avalanche_Mode, "spontaneous"))
                    let size = AvalancheOptions.parseSize (r.GetResult(Size, "above"))
                    let pilotTrials = r.GetResult(Pilot_Trials, 256) |> require "pilot-trials" ">= 1" (fun t -> t >= 1)
                    let found = ResizeArray<Avalanche>()
                    let thresholds, _ = Avalanches.extractFile input rule mode size pilotTrials true found.Add
                    found.ToArray(), Some(AvalancheOptions.definitions rule thresholds mode size pilotTrials)
                else AvalancheCsv.read input, None
            let result =
                try CracklingAnalysis.analyze CracklingAnalysis.defaults avalanches
                with ArgumentError e -> badInput "%s: %s" (Path.GetFileName input) (describe e)
            let collapse = result.Collapse
            let xmax (f: Dip.Analysis.PowerLaw.PowerLawFit) = Json.optionalNumber f.Xmax
            let members =
                [ "input", Json.text input ]
                @ CracklingJson.exponents result
                @ [ "gamma_collapse", (collapse |> Option.map (fun c -> Json.number c.Gamma) |> Option.toObj)
                    "shape", (collapse |> Option.map (fun c -> Json.text c.Family) |> Option.toObj)
                    "shape_residuals",
                    (collapse |> Option.map (fun c -> Json.object [ "parabola", Json.number c.ParabolaDistance; "semicircle", Json.number c.SemicircleDistance ]) |> Option.toObj)
                    "n_avalanches", Json.integer (int64 result.NAvalanches)
                    "n_censored", Json.integer (int64 result.NCensored)
                    "tau_s_range", Json.object [ "xmin", Json.number result.TauS.Xmin; "xmax", xmax result.TauS; "n_tail", Json.integer (int64 result.TauS.NTail); "discrete", Json.boolean result.TauS.Discrete ]
                    "tau_d_range", Json.object [ "xmin", Json.number result.TauD.Xmin; "xmax", xmax result.TauD; "n_tail", Json.integer (int64 result.TauD.NTail); "discrete", Json.boolean result.TauD.Discrete ]
                    "gamma_fit_range", Json.object [ "dmin", Json.integer (int64 result.GammaFit.DMin); "dmax", Json.integer (int64 result.GammaFit.DMax); "points", Json.integer (int64 result.GammaFit.Points) ]
                    "collapse_durations", (collapse |> Option.map (fun c -> Json.array (c.Durations |> Seq.map (int64 >> Json.integer))) |> Option.toObj) ]
                @ (definitions |> Option.map (fun d -> [ "avalanche_definitions", d ]) |> Option.defaultValue [])
            if r.Contains Json then printfn "%s" (Json.format (Json.object members))
            else
                let line (name: string) (value: string) = printfn "%-16s%s" name value
                let range (f: Dip.Analysis.PowerLaw.PowerLawFit) =
                    let upper = f.Xmax |> Option.map (sprintf "%g") |> Option.defaultValue "inf"
                    let kind = if f.Discrete then "discrete" else "continuous"
                    $"[{f.Xmin:g}, {upper}], {f.NTail} points, {kind}"
                line "avalanches" $"{result.NAvalanches} ({result.NCensored} censored, excluded)"
                line "tau_s" $"{result.TauS.Alpha:F4} +- {result.TauS.AlphaSe:F4}   {range result.TauS}"
                line "tau_d" $"{result.TauD.Alpha:F4} +- {result.TauD.AlphaSe:F4}   {range result.TauD}"
                line "gamma_fit" $"{result.GammaFit.Gamma:F4} +- {result.GammaFit.GammaSe:F4}   D in [{result.GammaFit.DMin}, {result.GammaFit.DMax}], {result.GammaFit.Points} durations"
                line "gamma_pred" $"{result.GammaPred:F4} +- {result.GammaPredSe:F4}   (tau_d - 1)/(tau_s - 1)"
                match collapse with
                | Some c ->
                    line "gamma_collapse" $"{c.Gamma:F3}   {c.Durations.Length} durations"
                    line "shape" $"{c.Family}   (L2 to parabola {c.ParabolaDistance:F4}, to semicircle {c.SemicircleDistance:F4})"
                | None -> line "shape collapse" "not available (needs profiles: use --activity)"
            ExitCode.Ok)

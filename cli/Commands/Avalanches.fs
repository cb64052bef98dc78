/// `dip avalanches`: cut activity data from any source (trial,layer,activity) into avalanches, with the same extraction
/// code as `dip simulate`.
module Dip.Cli.Commands.Avalanches

open System.IO
open Argu
open Dip.Engine.Avalanches
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError
open Dip.Cli.Data

/// Flags of `dip avalanches`.
type Args =
    | [<Mandatory>] Input of file: string
    | [<Mandatory>] Threshold of rule: string
    | [<Mandatory>] Out of file: string
    | Avalanche_Mode of string
    | Size of string
    | Pilot_Trials of int
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Input _ -> "activity CSV with header trial,layer,activity (extra columns ignored), rows grouped by increasing trial"
            | Threshold _ -> "threshold rule: X or absolute:X, quantile:P, layer-quantile:P"
            | Out _ -> "output avalanches CSV (trial,start,duration,size,censored), written atomically"
            | Avalanche_Mode _ -> "spontaneous (every excursion; default here) or seeded (one avalanche from each trial's first layer)"
            | Size _ -> "above (area above threshold; default) or total (total area)"
            | Pilot_Trials _ -> "first trials used to resolve quantile thresholds (default 256)"
            | Json -> "print a summary as JSON on stdout"

let private examples =
    [ "dip avalanches --input runs/relu/activity.csv --threshold 1e-3 --out runs/relu/avalanches-1e-3.csv"
      "dip avalanches --input spikes.csv --threshold quantile:0.5 --avalanche-mode spontaneous --out spike-avalanches.csv" ]

/// Extracts avalanches of every trial in an activity file and passes them to emit, streaming the file (twice when a
/// quantile rule needs its pilot). Returns the resolved thresholds and the number of trials.
let extractFile (input: string) (rule: ThresholdRule) (mode: AvalancheMode) (size: SizeRule) (pilotTrials: int) (withProfiles: bool) (emit: Avalanche -> unit) =
    let pilot =
        if rule.NeedsPilot then
            ActivityCsv.read input |> Seq.truncate pilotTrials |> Seq.map (fun t ->
                if t.FirstLayer <> 0 then badInput "%s: trial %d starts at layer %d; quantile rules need series that start at layer 0" (Path.GetFileName input) t.Trial t.FirstLayer
                t.Values) |> Array.ofSeq
        else [||]
    let thresholds = AvalancheOptions.resolve rule pilot None
    let extractor = AvalancheExtractor(thresholds, mode, size, withProfiles)
    let action = System.Action<Avalanche>(emit)
    let mutable trials = 0L
    for t in ActivityCsv.read input do
        try
            extractor.Extract(t.Trial, t.FirstLayer, System.ReadOnlySpan<float>(t.Values), action)
        with :? System.ArgumentOutOfRangeException as e ->
            badInput "%s: trial %d: %s" (Path.GetFileName input) t.Trial (e.Message.Split('\n').[0])
        trials <- trials + 1L
    thresholds, trials

/// The verb's entry point.
let run (argv: string[]) : int =
    guard "avalanches" (fun () ->
        match Arguments.parse<Args> "avalanches" examples argv with
        | Arguments.HelpShown -> ExitCode.Ok
        | Arguments.Results r ->
            let input = r.GetResult Input
            let rule = AvalancheOptions.parseRule (r.GetResult Threshold)
            if rule.NeedsReference then badInput "--threshold %s: the relative rule needs a reference series, which activity files do not carry" rule.Spec
            let mode = AvalancheOptions.parseMode (r.GetResult(Avalanche_Mode, "spontaneous"))
            let size = AvalancheOptions.parseSize (r.GetResult(Size, "above"))
            let pilotTrials = r.GetResult(Pilot_Trials, 256) |> require "pilot-trials" ">= 1" (fun t -> t >= 1)
            use out = new AtomicFile.AtomicWriter(r.GetResult Out)
            AvalancheCsv.writeHeader out.Writer
            let mutable count, censored = 0L, 0L
            let thresholds, trials =
                extractFile input rule mode size pilotTrials false (fun a ->
                    AvalancheCsv.writeRow out.Writer a
                    count <- count + 1L
                    if a.Censored then censored <- censored + 1L)
            out.Commit()
            let summary =
                Json.object
                    [ "input", Json.text input
                      "output", Json.text out.Path
                      "n_trials", Json.integer trials
                      "n_avalanches", Json.integer count
                      "n_censored", Json.integer censored
                      "avalanche_definitions", AvalancheOptions.definitions rule thresholds mode size pilotTrials ]
            if r.Contains Json then printfn "%s" (Json.format summary)
            else printfn "%d trials, %d avalanches (%d censored) -> %s" trials count censored out.Path
            ExitCode.Ok)

/// `dip reproduce EXPERIMENT`: runs a paper's experiment end to end and writes its summary, its data and its report.
module Dip.Cli.Commands.Reproduce

open System
open System.Diagnostics
open System.IO
open Argu
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError
open Dip.Cli.Data
open Dip.Cli.Report
open Dip.Cli.Reproduce

/// Flags of `dip reproduce`.
type Args =
    | Out of dir: string
    | Quick
    | Seed of uint64
    | Threads of int
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Out _ -> "output directory (default runs/<experiment>): summary.json, report.html, <class>_avalanches.csv"
            | Quick -> "the small run (CI, about 30 s): same design, noisier exponents"
            | Seed _ -> "experiment seed (default 1)"
            | Threads _ -> "worker threads (default: all cores; results do not depend on it)"
            | Json -> "print summary.json on stdout"

let private experiments = [ "tuning-universality", "paper 2 (arXiv:2512.00168), Figure 1: activation design tunes the avalanche class" ]

let private examples =
    [ "dip reproduce tuning-universality --out runs/tuning-universality"
      "dip reproduce tuning-universality --quick --out /tmp/tu" ]

let private intro =
    "Paper 2 (Ghavasieh et al., arXiv:2512.00168), Figure 1, as reproduced by Dip.Engine with the project's own definitions "
    + "(theory.md §3-§5: the observables, thresholds and couplings are the project's derivation, not the paper's published formulas). "
    + "phi-d2 = tanh (D1 = 0) is measured on random networks: the distance between a clean and a perturbed trajectory is a "
    + "log random walk with no field, tuned to zero drift at the finite width (absorbed free Brownian motion). "
    + "phi-d1 = tanh(0.2 + x) has D1 > 0, but in the network the same a0 = tanh(0.2) also creates a field h > 0 whose "
    + "strength relative to D1 grows with the width (delta = 4hN/D1), which removes the absorbing state: the DP class is "
    + "therefore measured on the reduced Langevin model with phi-d1's couplings and h = 0 (Brownian motion in a logarithmic trap). "
    + "Row 1: phi-d1; row 2: phi-d2. Dashed grey: the predicted exponents; red: the fits."

let private tuningUniversality (r: ParseResults<Args>) =
    let settings =
        { (if r.Contains Quick then TuningUniversality.quick else TuningUniversality.defaults) with
            Seed = r.GetResult(Seed, 1UL)
            Threads = r.GetResult(Threads, 0) |> require "threads" ">= 0 (0 = all cores)" (fun t -> t >= 0) }
    let outDir = r.GetResult(Out, Path.Combine("runs", "tuning-universality"))
    Directory.CreateDirectory outDir |> ignore
    let clock = Stopwatch.StartNew()
    let log (line: string) = eprintfn "[%6.1fs] %s" clock.Elapsed.TotalSeconds line
    let d1 = TuningUniversality.phiD1 settings log
    let d2, crossCheck = TuningUniversality.phiD2 settings log
    let runs = [ d1; d2 ]
    let results =
        runs |> List.map (fun run ->
            AtomicFile.write (Path.Combine(outDir, $"{run.Key}_avalanches.csv")) (fun w ->
                AvalancheCsv.writeHeader w
                for a in run.Avalanches do AvalancheCsv.writeRow w a)
            let result = TuningUniversality.analyze run
            log $"{run.Key}: tau_s = {result.TauS.Alpha:F3} +- {result.TauS.AlphaSe:F3}, tau_d = {result.TauD.Alpha:F3} +- {result.TauD.AlphaSe:F3}, gamma fit {result.GammaFit.Gamma:F3}, pred {result.GammaPred:F3}"
            run, result)
    let summary =
        Json.object (
            (results |> List.map (fun (run, result) -> run.Key, TuningUniversality.summary run result))
            @ [ "experiment", Json.text "tuning-universality"
                "quick", Json.boolean (r.Contains Quick)
                "seed", Json.integer (int64 settings.Seed)
                "tolerances", Json.object [ "tau", Json.number TuningUniversality.tauTolerance; "gamma", Json.number TuningUniversality.gammaTolerance ]
                "wall_seconds", Json.number clock.Elapsed.TotalSeconds
                "engine_version", Json.text (typeof<Dip.Engine.Simulation.SimulationSpec>.Assembly.GetName().Version.ToString())
                "source", Json.text "project definitions (theory.md §3-§5), not confirmed to be the target paper's" ]
            @ crossCheck)
    let text = Json.format summary
    AtomicFile.writeText (Path.Combine(outDir, "summary.json")) text
    let html =
        ReproductionReport.render "Tuning universality: activation design sets the avalanche class" intro
            (results |> List.map (fun (run, result) -> TuningUniversality.panels run result)) text
    AtomicFile.writeText (Path.Combine(outDir, "report.html")) html
    log $"wrote {outDir}/summary.json and {outDir}/report.html"
    if r.Contains Json then printfn "%s" text
    ExitCode.Ok

/// The verb's entry point: `dip reproduce EXPERIMENT [flags]`.
let run (argv: string[]) : int =
    guard "reproduce" (fun () ->
        let listing = String.Join("\n", experiments |> List.map (fun (name, about) -> $"  {name,-22}{about}"))
        match List.ofArray argv with
        | [] -> badInput "name an experiment:\n%s" listing
        | ("--help" | "-h") :: _ ->
            printfn "usage: dip reproduce EXPERIMENT [--out DIR] [--quick] [--seed S] [--threads T] [--json]\n\nexperiments:\n%s\n\nexamples:\n  %s"
                listing (String.Join("\n  ", examples))
            ExitCode.Ok
        | "tuning-universality" :: rest ->
            match Arguments.parse<Args> "reproduce tuning-universality" examples (Array.ofList rest) with
            | Arguments.HelpShown -> ExitCode.Ok
            | Arguments.Results r -> tuningUniversality r
        | name :: _ -> badInput "unknown experiment '%s'; experiments:\n%s" name listing)

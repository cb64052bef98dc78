/// The `dip` command: dispatches to one verb per file in Commands/.
module Dip.Cli.Program

open System
open Dip.Cli.Infrastructure

/// Every verb: name, one-line description, and its entry point (arguments after the verb -> exit code).
let verbs : (string * string * (string[] -> int)) list =
    [ "simulate", "simulate random deep networks and cut their activity into avalanches", Commands.Simulate.run
      "avalanches", "cut activity data (trial,layer,activity) into avalanches", Commands.Avalanches.run
      "meanfield", "mean-field DIP: q*, c*, chi_1, depth scales, the order-chaos line", Commands.MeanField.run
      "couplings", "stochastic-DIP couplings (r, h, u, D1, D2), predicted class and exponents", Commands.Couplings.run
      "fit", "power-law fit of a data file: xmin by KS, MLE, bootstrap p-value, model comparison", Commands.Fit.run
      "crackling", "crackling-noise analysis: tau_s, tau_d, gamma three ways, shape collapse", Commands.Crackling.run
      "reproduce", "run a paper's experiment end to end: summary.json, data and an HTML report", Commands.Reproduce.run ]

let private usage () =
    let lines = verbs |> List.map (fun (name, about, _) -> $"  {name,-14}{about}")
    "usage: dip <verb> [options]   (dip <verb> --help for a verb's options and examples)\n\nverbs:\n"
    + String.Join("\n", lines)

/// Runs `dip` with the given arguments and returns the exit code (used by main and by in-process tests).
let run (argv: string[]) : int =
    match List.ofArray argv with
    | []
    | ("--help" | "-h" | "help") :: _ ->
        printfn "%s" (usage ())
        CliError.ExitCode.Ok
    | verb :: rest ->
        match verbs |> List.tryFind (fun (name, _, _) -> name = verb) with
        | Some(_, _, entry) ->
            try
                entry (Array.ofList rest)
            with e ->
                eprintfn "dip %s: internal error: %s" verb e.Message
                CliError.ExitCode.Internal
        | None ->
            eprintfn "dip: unknown verb '%s'\n%s" verb (usage ())
            CliError.ExitCode.BadInput

[<EntryPoint>]
let main argv = run argv

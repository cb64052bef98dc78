/// Command-line parsing shared by the verbs: Argu with help text and examples, and errors mapped to one-line messages.
module Dip.Cli.Infrastructure.Arguments

open Argu
open Dip.Cli.Infrastructure.CliError

/// The outcome of parsing a verb's arguments: either parsed results or help text that was already printed.
type Parsed<'T when 'T :> IArgParserTemplate> =
    | Results of ParseResults<'T>
    | HelpShown

/// Parses argv for `dip <verb>`. `--help` prints usage plus the examples and yields HelpShown; any other parse error
/// raises BadInput with Argu's first message line (which names the flag).
let parse<'T when 'T :> IArgParserTemplate> (verb: string) (examples: string list) (argv: string[]) : Parsed<'T> =
    let help = "Examples:\n" + (examples |> List.map (fun e -> "  " + e) |> String.concat "\n")
    let parser = ArgumentParser.Create<'T>(programName = $"dip {verb}", helpTextMessage = help)
    try
        Results(parser.ParseCommandLine(argv, raiseOnUsage = true))
    with :? ArguParseException as e ->
        if e.ErrorCode = ErrorCode.HelpText then
            printfn "%s" e.Message
            HelpShown
        else
            let first = e.Message.Split('\n') |> Array.tryHead |> Option.defaultValue e.Message
            raise (BadInput(first.Trim()))

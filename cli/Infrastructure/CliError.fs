/// Errors a command reports to its user: bad input (exit code 2) with a one-line message naming the flag, file or line.
module Dip.Cli.Infrastructure.CliError

open System

/// Bad input from the user (a flag, a file, a line): the message names it and the bad value. Exit code 2.
exception BadInput of string

/// Raises <see cref="BadInput"/> with a formatted message.
let badInput fmt = Printf.kprintf (fun message -> raise (BadInput message)) fmt

/// Exit codes shared by every verb.
[<RequireQualifiedAccess>]
module ExitCode =
    /// Success.
    [<Literal>]
    let Ok = 0
    /// An internal error (a bug or an I/O failure outside the user's control).
    [<Literal>]
    let Internal = 1
    /// Bad input (flag, file or data).
    [<Literal>]
    let BadInput = 2

/// Checks a numeric flag value with a predicate; the message reads "--flag must be <rule>, got <value>".
let require (flag: string) (rule: string) (ok: 'T -> bool) (value: 'T) : 'T =
    if ok value then value else badInput "--%s must be %s, got %O" flag rule value

/// Runs a verb body, mapping bad input to exit code 2 and engine argument errors (which name the value) to exit code 2.
let guard (verb: string) (body: unit -> int) : int =
    try
        body ()
    with
    | BadInput message ->
        eprintfn "dip %s: %s" verb message
        ExitCode.BadInput
    | :? ArgumentException as e ->
        eprintfn "dip %s: %s" verb (e.Message.Split('\n').[0])
        ExitCode.BadInput

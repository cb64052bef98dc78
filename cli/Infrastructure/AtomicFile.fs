/// Files that appear whole or not at all: content goes to a temporary file beside the target, which is then renamed over it.
module Dip.Cli.Infrastructure.AtomicFile

open System
open System.IO
open System.Text

/// Writes a file through a temporary sibling and renames it into place; on any failure the temporary file is removed
/// and the target is left as it was.
let write (path: string) (fill: TextWriter -> unit) : unit =
    let full = Path.GetFullPath path
    let directory = Path.GetDirectoryName full
    if not (String.IsNullOrEmpty directory) then Directory.CreateDirectory directory |> ignore
    let temporary = Path.Combine(directory, $".{Path.GetFileName full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp")
    try
        do
            use writer = new StreamWriter(temporary, false, UTF8Encoding(false), 1 <<< 16)
            writer.NewLine <- "\n"
            fill writer
        File.Move(temporary, full, true)
    with _ ->
        if File.Exists temporary then File.Delete temporary
        reraise ()

/// Writes a whole text atomically.
let writeText (path: string) (text: string) : unit = write path (fun writer -> writer.Write text)

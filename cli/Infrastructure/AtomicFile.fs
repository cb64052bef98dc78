/// Files that appear whole or not at all: content goes to a temporary file beside the target, which is renamed over the
/// target on commit; disposing without commit deletes the temporary file and leaves the target as it was.
module Dip.Cli.Infrastructure.AtomicFile

open System
open System.IO
open System.Text

/// A text file being written atomically: write through Writer, then Commit.
type AtomicWriter(path: string) =
    let target = Path.GetFullPath path
    let directory =
        let d = Path.GetDirectoryName target
        Directory.CreateDirectory d |> ignore
        d
    let temporary = Path.Combine(directory, $".{Path.GetFileName target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp")
    let writer = new StreamWriter(temporary, false, UTF8Encoding(false), 1 <<< 16, NewLine = "\n")
    let mutable committed = false

    /// The writer into the temporary file.
    member _.Writer: TextWriter = writer

    /// The final path.
    member _.Path = target

    /// Flushes, closes and renames the temporary file over the target.
    member _.Commit() =
        writer.Dispose()
        File.Move(temporary, target, true)
        committed <- true

    interface IDisposable with
        member _.Dispose() =
            if not committed then
                writer.Dispose()
                if File.Exists temporary then File.Delete temporary

/// Writes a file atomically with a fill function.
let write (path: string) (fill: TextWriter -> unit) : unit =
    use file = new AtomicWriter(path)
    fill file.Writer
    file.Commit()

/// Writes a whole text atomically.
let writeText (path: string) (text: string) : unit = write path (fun writer -> writer.Write text)

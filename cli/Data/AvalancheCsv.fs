/// avalanches.csv: one avalanche per line, header `trial,start,duration,size,censored` (censored is 0 or 1).
module Dip.Cli.Data.AvalancheCsv

open System
open System.Globalization
open System.IO
open Dip.Engine.Avalanches
open Dip.Cli.Infrastructure.CliError

/// The header line.
[<Literal>]
let Header = "trial,start,duration,size,censored"

/// Writes the header.
let writeHeader (writer: TextWriter) = writer.WriteLine Header

/// Writes one avalanche.
let writeRow (writer: TextWriter) (a: Avalanche) =
    writer.Write(a.Trial.ToString CultureInfo.InvariantCulture)
    writer.Write ','
    writer.Write(a.Start.ToString CultureInfo.InvariantCulture)
    writer.Write ','
    writer.Write(a.Duration.ToString CultureInfo.InvariantCulture)
    writer.Write ','
    writer.Write(a.Size.ToString("R", CultureInfo.InvariantCulture))
    writer.Write ','
    writer.WriteLine(if a.Censored then '1' else '0')

/// Reads avalanches.csv (columns found by name, extra columns ignored). Bad input raises BadInput naming file, line, value.
let read (path: string) : Avalanche[] =
    let name = Path.GetFileName path
    if not (File.Exists path) then badInput "%s: no such file" path
    use reader = new StreamReader(path)
    let header = reader.ReadLine()
    if isNull header || header.Trim() = "" then badInput "%s: the file is empty (expected the header '%s')" name Header
    let columns = header.Trim().Split(',') |> Array.map (fun c -> c.Trim())
    let index column =
        match Array.tryFindIndex ((=) column) columns with
        | Some i -> i
        | None -> badInput "%s line 1: missing column '%s' (expected the header '%s')" name column Header
    let iTrial, iStart, iDuration, iSize, iCensored = index "trial", index "start", index "duration", index "size", index "censored"
    let result = ResizeArray()
    let mutable line = reader.ReadLine()
    let mutable number = 2
    while not (isNull line) do
        if line.Trim() <> "" then
            let fields = line.Split(',')
            let field i column =
                if i < fields.Length then fields.[i].Trim()
                else badInput "%s line %d: missing column '%s'" name number column
            let integer i column minimum =
                match Int64.TryParse(field i column, NumberStyles.Integer, CultureInfo.InvariantCulture) with
                | true, v when v >= minimum -> v
                | true, v -> badInput "%s line %d: %s must be >= %d, got %d" name number column minimum v
                | _ -> badInput "%s line %d: '%s' is not an integer (%s)" name number (field i column) column
            let size =
                match Double.TryParse(field iSize "size", NumberStyles.Float, CultureInfo.InvariantCulture) with
                | true, v when Double.IsFinite v -> v
                | _ -> badInput "%s line %d: '%s' is not a finite number (size)" name number (field iSize "size")
            let censored =
                match field iCensored "censored" with
                | "0" -> false
                | "1" -> true
                | other -> badInput "%s line %d: censored must be 0 or 1, got '%s'" name number other
            let duration = integer iDuration "duration" 1L
            result.Add(Avalanche(integer iTrial "trial" 0L, int (integer iStart "start" 0L), int duration, size, censored))
        line <- reader.ReadLine()
        number <- number + 1
    result.ToArray()

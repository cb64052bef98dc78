/// Reads the data of `dip fit`: plain text with one number per line, or a CSV column chosen by header name.
module Dip.Cli.Data.NumberColumn

open System
open System.Globalization
open System.IO
open Dip.Cli.Infrastructure.CliError

/// The values of a file (blank lines skipped). Non-numbers, non-finite values and values <= 0 raise BadInput naming
/// the file, the line and the value.
let read (path: string) (column: string option) : float[] =
    let name = Path.GetFileName path
    if not (File.Exists path) then badInput "%s: no such file" path
    let lines = File.ReadAllLines path
    let index, first =
        match column with
        | None -> 0, 0
        | Some c ->
            if lines.Length = 0 then badInput "%s: the file is empty (expected a header with column '%s')" name c
            let header = lines.[0].Split(',') |> Array.map (fun h -> h.Trim())
            match Array.tryFindIndex ((=) c) header with
            | Some i -> i, 1
            | None -> badInput "%s line 1: no column '%s' in the header (%s)" name c (String.Join(",", header))
    let values =
        [| for k in first .. lines.Length - 1 do
             let line = lines.[k].Trim()
             if line <> "" then
                 let fields = line.Split(',')
                 if index >= fields.Length then badInput "%s line %d: missing column %d" name (k + 1) (index + 1)
                 let text = fields.[index].Trim()
                 match Double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture) with
                 | true, v when Double.IsFinite v && v > 0.0 -> yield v
                 | true, v when Double.IsFinite v -> badInput "%s line %d: %s is not > 0 (a power law lives on positive values)" name (k + 1) text
                 | true, _ -> badInput "%s line %d: '%s' is not a finite number" name (k + 1) text
                 | _ -> badInput "%s line %d: '%s' is not a number" name (k + 1) text |]
    if values.Length = 0 then badInput "%s: no data" name
    values

/// activity.csv: one (trial, layer) per line, header starting `trial,layer,activity` (extra columns ignored on reading;
/// written extra columns hold further observables). Rows are grouped by trial, trials increase, layers run consecutively.
module Dip.Cli.Data.ActivityCsv

open System
open System.Globalization
open System.IO
open Dip.Cli.Infrastructure.CliError

/// One trial's series: its activity at layers FirstLayer, FirstLayer + 1, ...
type TrialSeries = { Trial: int64; FirstLayer: int; Values: float[] }

/// Streams the trials of an activity file in order, with memory of one trial. Bad input raises BadInput naming the file,
/// the line and the value.
let read (path: string) : seq<TrialSeries> =
    seq {
        let name = Path.GetFileName path
        if not (File.Exists path) then badInput "%s: no such file" path
        use reader = new StreamReader(path)
        let header = reader.ReadLine()
        if isNull header || header.Trim() = "" then badInput "%s: the file is empty (expected the header 'trial,layer,activity')" name
        let columns = header.Trim().Split(',') |> Array.map (fun c -> c.Trim())
        let index column =
            match Array.tryFindIndex ((=) column) columns with
            | Some i -> i
            | None -> badInput "%s line 1: missing column '%s' (expected the header 'trial,layer,activity')" name column
        let iTrial, iLayer, iActivity = index "trial", index "layer", index "activity"
        let values = ResizeArray<float>()
        let mutable trial, firstLayer, lastLayer = -1L, 0, 0
        let mutable number = 1
        let mutable line = reader.ReadLine()
        while not (isNull line) do
            number <- number + 1
            if line.Trim() <> "" then
                let fields = line.Split(',')
                let field i column =
                    if i < fields.Length then fields.[i].Trim()
                    else badInput "%s line %d: missing column '%s'" name number column
                let t =
                    match Int64.TryParse(field iTrial "trial", NumberStyles.Integer, CultureInfo.InvariantCulture) with
                    | true, v when v >= 0L -> v
                    | true, v -> badInput "%s line %d: trial must be >= 0, got %d" name number v
                    | _ -> badInput "%s line %d: '%s' is not an integer (trial)" name number (field iTrial "trial")
                let l =
                    match Int32.TryParse(field iLayer "layer", NumberStyles.Integer, CultureInfo.InvariantCulture) with
                    | true, v when v >= 0 -> v
                    | true, v -> badInput "%s line %d: layer must be >= 0, got %d" name number v
                    | _ -> badInput "%s line %d: '%s' is not an integer (layer)" name number (field iLayer "layer")
                let a =
                    match Double.TryParse(field iActivity "activity", NumberStyles.Float, CultureInfo.InvariantCulture) with
                    | true, v when Double.IsFinite v -> v
                    | true, _ -> badInput "%s line %d: activity must be finite, got '%s'" name number (field iActivity "activity")
                    | _ -> badInput "%s line %d: '%s' is not a number (activity)" name number (field iActivity "activity")
                if t <> trial then
                    if t < trial then badInput "%s line %d: trial %d comes after trial %d (rows must be grouped by increasing trial)" name number t trial
                    if values.Count > 0 then yield { Trial = trial; FirstLayer = firstLayer; Values = values.ToArray() }
                    values.Clear()
                    trial <- t
                    firstLayer <- l
                elif l <> lastLayer + 1 then
                    badInput "%s line %d: layer %d follows layer %d in trial %d (layers must be consecutive)" name number l lastLayer t
                lastLayer <- l
                values.Add a
            line <- reader.ReadLine()
        if values.Count > 0 then yield { Trial = trial; FirstLayer = firstLayer; Values = values.ToArray() }
        elif trial < 0L then badInput "%s: no data rows after the header" name
    }

/// Writes the header: trial,layer,activity then one column per extra observable name.
let writeHeader (writer: TextWriter) (extra: string list) =
    writer.WriteLine(String.Join(",", [ "trial"; "layer"; "activity" ] @ extra))

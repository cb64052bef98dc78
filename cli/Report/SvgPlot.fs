/// Small, dependency-free SVG plots for self-contained HTML reports (no plotting library is available in this registry).
/// A panel is data: axes with linear or log10 scales and a list of series drawn as markers or lines.
module Dip.Cli.Report.SvgPlot

open System
open System.Globalization
open System.Text

/// Axis scale.
type Scale =
    | Linear
    | Log10

/// How a series is drawn.
type Style =
    | Markers of color: string
    | Line of color: string * dashed: bool

/// One data series: points (x, y), drawn with a style, named in the legend when the label is not empty.
type Series = { Label: string; Points: (float * float)[]; Style: Style }

/// One plot: title, axis labels and scales, and its series.
type Panel =
    { Title: string
      XLabel: string
      YLabel: string
      XScale: Scale
      YScale: Scale
      Series: Series list }

let private inv (x: float) = x.ToString("0.###", CultureInfo.InvariantCulture)

let private escape (text: string) =
    text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;")

let private transform scale (v: float) =
    match scale with
    | Linear -> v
    | Log10 -> log10 v

let private visible scale (v: float) =
    Double.IsFinite v && (scale = Linear || v > 0.0)

/// Tick positions (in data units) for the range [lo, hi] given in transformed units.
let private ticks scale (lo: float) (hi: float) =
    match scale with
    | Log10 ->
        let first, last = int (ceil (lo - 1e-9)), int (floor (hi + 1e-9))
        let stride = max 1 ((last - first + 6) / 6) // at most about six labelled decades
        [ for k in first .. last do if (k - first) % stride = 0 then yield 10.0 ** float k ]
    | Linear ->
        let span = max (hi - lo) 1e-300
        let raw = span / 5.0
        let magnitude = 10.0 ** floor (log10 raw)
        let step =
            [ 1.0; 2.0; 5.0; 10.0 ] |> List.map (fun m -> m * magnitude) |> List.find (fun s -> s >= raw)
        [ for k in int (ceil (lo / step - 1e-9)) .. int (floor (hi / step + 1e-9)) -> float k * step ]

let private tickLabel scale (v: float) =
    match scale with
    | Log10 -> sprintf "10<tspan dy=\"-5\" font-size=\"8\">%d</tspan>" (int (round (log10 v)))
    | Linear -> v.ToString("G4", CultureInfo.InvariantCulture)

/// Padded [lo, hi] of the transformed values, or [0, 1] when there is nothing to show.
let private range scale (values: float seq) =
    let shown = values |> Seq.filter (visible scale) |> Seq.map (transform scale) |> Seq.toArray
    if shown.Length = 0 then 0.0, 1.0
    else
        let lo, hi = Array.min shown, Array.max shown
        let pad = if hi > lo then 0.05 * (hi - lo) else 0.5
        lo - pad, hi + pad

/// Renders one panel as an <svg> element of the given pixel size.
let render (width: int) (height: int) (panel: Panel) : string =
    let left, right, top, bottom = 62.0, 12.0, 28.0, 44.0
    let plotW, plotH = float width - left - right, float height - top - bottom
    let xLo, xHi = range panel.XScale (panel.Series |> Seq.collect (fun s -> s.Points |> Seq.map fst))
    let yLo, yHi = range panel.YScale (panel.Series |> Seq.collect (fun s -> s.Points |> Seq.map snd))
    let px x = left + (transform panel.XScale x - xLo) / (xHi - xLo) * plotW
    let py y = top + plotH - (transform panel.YScale y - yLo) / (yHi - yLo) * plotH
    let sb = StringBuilder()
    let add (s: string) = sb.Append(s).Append('\n') |> ignore
    add (sprintf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">" width height width height)
    add (sprintf "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"white\" stroke=\"#444\"/>" (inv left) (inv top) (inv plotW) (inv plotH))
    add (sprintf "<text x=\"%s\" y=\"17\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">%s</text>" (inv (left + plotW / 2.0)) (escape panel.Title))
    for t in ticks panel.XScale xLo xHi do
        let x = px t
        add (sprintf "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#ddd\"/>" (inv x) (inv top) (inv x) (inv (top + plotH)))
        add (sprintf "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>" (inv x) (inv (top + plotH + 14.0)) (tickLabel panel.XScale t))
    for t in ticks panel.YScale yLo yHi do
        let y = py t
        add (sprintf "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#ddd\"/>" (inv left) (inv y) (inv (left + plotW)) (inv y))
        add (sprintf "<text x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>" (inv (left - 4.0)) (inv (y + 4.0)) (tickLabel panel.YScale t))
    add (sprintf "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>" (inv (left + plotW / 2.0)) (height - 8) (escape panel.XLabel))
    add (sprintf "<text transform=\"translate(14 %s) rotate(-90)\" text-anchor=\"middle\">%s</text>" (inv (top + plotH / 2.0)) (escape panel.YLabel))
    for series in panel.Series do
        let shown = series.Points |> Array.filter (fun (x, y) -> visible panel.XScale x && visible panel.YScale y)
        match series.Style with
        | Markers color ->
            for (x, y) in shown do
                add (sprintf "<circle cx=\"%s\" cy=\"%s\" r=\"2.2\" fill=\"%s\" fill-opacity=\"0.75\"/>" (inv (px x)) (inv (py y)) color)
        | Line (color, dashed) when shown.Length >= 2 ->
            let path = shown |> Array.map (fun (x, y) -> inv (px x) + "," + inv (py y)) |> String.concat " "
            let dash = if dashed then " stroke-dasharray=\"5 4\"" else ""
            add (sprintf "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s/>" path color dash)
        | Line _ -> ()
    panel.Series
    |> List.filter (fun s -> s.Label <> "")
    |> List.iteri (fun i s ->
        let color = match s.Style with Markers c | Line (c, _) -> c
        let y = top + 14.0 + 14.0 * float i
        add (sprintf "<rect x=\"%s\" y=\"%s\" width=\"10\" height=\"3\" fill=\"%s\"/>" (inv (left + plotW - 150.0)) (inv (y - 4.0)) color)
        add (sprintf "<text x=\"%s\" y=\"%s\">%s</text>" (inv (left + plotW - 136.0)) (inv y) (escape s.Label)))
    add "</svg>"
    sb.ToString()

/// The self-contained HTML report of a reproduction: the 2 x 4 panel figure (per class: P(S), P(D), <S>(D), shape
/// collapse), the table of measured against predicted exponents, and the run parameters. Inline SVG, no network.
module Dip.Cli.Report.ReproductionReport

open System
open System.Globalization
open System.Net
open System.Text
open Dip.Cli.Report.SvgPlot

/// A fitted power-law tail for plotting: exponent, its standard error, support and the fraction of data in it.
type TailFit = { Alpha: float; AlphaSe: float; Xmin: float; Xmax: float; TailFraction: float }

/// Everything the report shows about one activation (one row of the figure).
type ClassPanels =
    { Key: string
      Title: string
      Sizes: float[]
      Durations: float[]
      TauS: TailFit
      TauD: TailFit
      MeanSizeByDuration: (float * float)[]
      GammaFit: float
      GammaFitSe: float
      GammaFitIntercept: float
      GammaFitRange: float * float
      GammaPred: float
      GammaPredSe: float
      GammaCollapse: float
      CollapsedShape: (float * float)[]
      Shape: string
      ClassPredicted: string
      Predicted: float * float * float
      Source: string }

let private f3 (x: float) = if Double.IsFinite x then x.ToString("0.000", CultureInfo.InvariantCulture) else "n/a"

let private theoryShape (name: string) (shape: (float * float)[]) =
    let template u = if name = "semicircle" then sqrt (u * (1.0 - u)) else u * (1.0 - u)
    let grid = [| for k in 1 .. 99 -> float k / 100.0 |]
    let peak = if shape.Length = 0 then 1.0 else shape |> Array.map snd |> Array.max
    let templatePeak = grid |> Array.map template |> Array.max
    grid |> Array.map (fun u -> u, template u / templatePeak * peak)

let private panels (c: ClassPanels) =
    let tS, tD, tG = c.Predicted
    let distribution name symbol xLabel discrete data (fit: TailFit) theory =
        { Title = $"{c.Title}: P({symbol})"; XLabel = xLabel; YLabel = $"P({symbol})"; XScale = Log10; YScale = Log10
          Series =
            [ { Label = "data"; Points = Histogram.logBinnedDensity 8 discrete data; Style = Markers "#1f77b4" }
              { Label = $"fit {name} = {f3 fit.Alpha}"; Points = Histogram.powerLawDensity fit.Alpha fit.Xmin fit.Xmax fit.TailFraction; Style = Line("#d62728", false) }
              { Label = $"theory {f3 theory}"; Points = Histogram.powerLawDensity theory fit.Xmin fit.Xmax fit.TailFraction; Style = Line("#555", true) } ] }
    let pS = distribution "tau_s" "S" "size S" false c.Sizes c.TauS tS
    let pD = distribution "tau_d" "D" "duration D (layers)" true c.Durations c.TauD tD
    let lo, hi = c.GammaFitRange
    let line slope = [| for k in 0 .. 20 -> let d = lo * (hi / lo) ** (float k / 20.0) in d, exp c.GammaFitIntercept * d ** slope |]
    let pG =
        { Title = $"{c.Title}: <S>(D)"; XLabel = "duration D"; YLabel = "<S | D>"; XScale = Log10; YScale = Log10
          Series =
            [ { Label = "data"; Points = c.MeanSizeByDuration; Style = Markers "#1f77b4" }
              { Label = $"fit gamma = {f3 c.GammaFit}"; Points = line c.GammaFit; Style = Line("#d62728", false) }
              { Label = $"predicted {f3 c.GammaPred}"; Points = line c.GammaPred; Style = Line("#2ca02c", true) }
              { Label = $"theory {f3 tG}"; Points = line tG; Style = Line("#555", true) } ] }
    let pC =
        { Title = $"{c.Title}: shape collapse"; XLabel = "t / D"; YLabel = "s(t) D^(1-gamma)"; XScale = Linear; YScale = Linear
          Series =
            [ { Label = $"collapse gamma = {f3 c.GammaCollapse}"; Points = c.CollapsedShape; Style = Line("#1f77b4", false) }
              { Label = "semicircle"; Points = theoryShape "semicircle" c.CollapsedShape; Style = Line("#9467bd", true) }
              { Label = "parabola"; Points = theoryShape "parabola" c.CollapsedShape; Style = Line("#ff7f0e", true) } ] }
    [ pS; pD; pG; pC ]

/// Renders the page. <paramref name="parametersJson"/> is shown verbatim (escaped) under the table.
let render (title: string) (intro: string) (classes: ClassPanels list) (parametersJson: string) : string =
    let sb = StringBuilder()
    let add (s: string) = sb.Append(s).Append('\n') |> ignore
    let enc (s: string) = WebUtility.HtmlEncode s
    add "<!DOCTYPE html>"
    add "<html lang=\"en\"><head><meta charset=\"utf-8\">"
    add $"<title>{enc title}</title>"
    add "<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#f2f2f2}.grid{display:grid;grid-template-columns:repeat(4,340px);gap:8px}pre{background:#f7f7f7;padding:8px;font-size:12px;overflow:auto}p.note{max-width:1100px}</style>"
    add "</head><body>"
    add $"<h1>{enc title}</h1>"
    add $"<p class=\"note\">{enc intro}</p>"
    add "<div class=\"grid\">"
    for c in classes do
        for p in panels c do add (render 340 280 p)
    add "</div>"
    add "<h2>Measured against predicted exponents</h2>"
    add "<table><tr><th>activation</th><th>source</th><th>class (predicted)</th><th>tau_s</th><th>theory</th><th>tau_d</th><th>theory</th><th>gamma fit</th><th>gamma pred</th><th>gamma collapse</th><th>theory</th><th>shape</th><th>n (uncensored)</th></tr>"
    for c in classes do
        let tS, tD, tG = c.Predicted
        add (sprintf "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s &plusmn; %s</td><td>%s</td><td>%s &plusmn; %s</td><td>%s</td><td>%s &plusmn; %s</td><td>%s &plusmn; %s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td></tr>"
                 (enc c.Title) (enc c.Source) (enc c.ClassPredicted) (f3 c.TauS.Alpha) (f3 c.TauS.AlphaSe) (f3 tS) (f3 c.TauD.Alpha) (f3 c.TauD.AlphaSe) (f3 tD)
                 (f3 c.GammaFit) (f3 c.GammaFitSe) (f3 c.GammaPred) (f3 c.GammaPredSe) (f3 c.GammaCollapse) (f3 tG) (enc c.Shape) c.Sizes.Length)
    add "</table>"
    add "<h2>Parameters</h2>"
    add $"<pre>{enc parametersJson}</pre>"
    add "</body></html>"
    sb.ToString()

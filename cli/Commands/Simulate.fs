/// `dip simulate`: propagate inputs through random deep networks, record per-layer activity, cut it into avalanches.
module Dip.Cli.Commands.Simulate

open System
open System.Diagnostics
open System.IO
open System.Threading
open Argu
open Spectre.Console
open Dip.Engine.Activations
open Dip.Engine.Avalanches
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError
open Dip.Cli.Data

/// Flags of `dip simulate`.
type Args =
    | Activation of spec: string
    | Width of int
    | Depth of int
    | Sigma_W2 of float
    | Sigma_B2 of float
    | Weights of string
    | Mode of string
    | Langevin_Substeps of int
    | Couplings of spec: string
    | Quenched
    | Trials of int64
    | Seed of uint64
    | Observable of string
    | Threshold of rule: string
    | Avalanche_Mode of string
    | Size of string
    | Q0 of float
    | Epsilon of float
    | Active_Threshold of float
    | Pilot_Trials of int
    | Save_Activity
    | [<Mandatory>] Out of dir: string
    | Threads of int
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Activation _ -> "activation: tanh, relu, erf, linear, hardtanh, poly:a0,a1,..., tanh(poly:...) (default tanh)"
            | Width _ -> "width N (default 1024)"
            | Depth _ -> "depth L, number of layers after the input (default 1000)"
            | Sigma_W2 _ -> "weight variance sigma_w^2 (default 1)"
            | Sigma_B2 _ -> "bias variance sigma_b^2 (default 0)"
            | Weights _ -> "weight law: gaussian or uniform (dense mode only for uniform; default gaussian)"
            | Mode _ -> "exact (conditional-Gaussian, O(N) per layer; default), dense (weights sampled, O(N^2)) or langevin (reduced model of theory.md §3.2, length only)"
            | Langevin_Substeps _ -> "Euler-Maruyama substeps K per layer in langevin mode (default 10; 1 = per-layer map)"
            | Couplings _ -> "langevin couplings r,h,u,d1,d2 of the unrescaled q (default: derived from the activation, see dip couplings)"
            | Quenched -> "reuse one network for all trials (dense mode)"
            | Trials _ -> "number of trials (default 1000)"
            | Seed _ -> "experiment seed (default 1)"
            | Observable _ -> "comma list of distance, distance-phi, length, active-count; the first is cut into avalanches (default distance)"
            | Threshold _ -> "threshold rule: X or absolute:X, quantile:P, layer-quantile:P (default absolute:1e-3)"
            | Avalanche_Mode _ -> "seeded (one avalanche from the input layer; default) or spontaneous (every excursion)"
            | Size _ -> "above (area above threshold; default) or total (total area)"
            | Q0 _ -> "input length q0 = |x|^2/N (default 1)"
            | Epsilon _ -> "input perturbation, RMS per unit: d^0 = epsilon^2 (default 0.1)"
            | Active_Threshold _ -> "unit threshold eta of active-count: |h^a_i - h^b_i| > eta (default 0.01)"
            | Pilot_Trials _ -> "trials used to resolve quantile thresholds (default 256)"
            | Save_Activity -> "also write activity.csv (trial,layer,activity[,more observables])"
            | Out _ -> "output directory (avalanches.csv, run.json, activity.csv)"
            | Threads _ -> "worker threads (default: all cores; results do not depend on it)"
            | Json -> "print the run summary as JSON on stdout"

let private examples =
    [ "dip simulate --activation tanh --width 1024 --depth 1000 --sigma-w2 1.0 --sigma-b2 0 --trials 1000 --seed 1 --observable distance --threshold 1e-3 --out runs/tanh"
      "dip simulate --mode langevin --couplings 0,0,2,0.5,2 --langevin-substeps 10 --width 1024 --depth 1000 --q0 0.01 --threshold 1e-4 --out runs/langevin"
      "dip simulate --mode dense --quenched --activation relu --width 256 --depth 200 --sigma-w2 2 --observable length --threshold quantile:0.5 --save-activity --out runs/relu" ]

/// Text names of the observables, as used on the command line and in output files.
let observableName (o: Observable) =
    match o with
    | Observable.Length -> "length"
    | Observable.Distance -> "distance"
    | Observable.DistancePhi -> "distance-phi"
    | Observable.ActiveCount -> "active-count"
    | other -> string other

/// One-line definition of each observable, recorded in run.json.
let observableDefinition (o: Observable) =
    match o with
    | Observable.Length -> "q^l = (1/N) sum_i (h^a_i)^2"
    | Observable.Distance -> "d^l = (1/N) sum_i (h^a_i - h^b_i)^2"
    | Observable.DistancePhi -> "(1/N) sum_i (phi(h^a_i) - phi(h^b_i))^2"
    | Observable.ActiveCount -> "#{i : |h^a_i - h^b_i| > eta}"
    | other -> string other

let private parseObservables (text: string) =
    text.Split(',', StringSplitOptions.RemoveEmptyEntries ||| StringSplitOptions.TrimEntries)
    |> Array.map (fun name ->
        match name.ToLowerInvariant() with
        | "length" -> Observable.Length
        | "distance" -> Observable.Distance
        | "distance-phi" -> Observable.DistancePhi
        | "active-count" -> Observable.ActiveCount
        | other -> badInput "--observable: unknown observable '%s' (distance, distance-phi, length, active-count)" other)
    |> fun os ->
        if os.Length = 0 then badInput "--observable: no observable given"
        if (Array.distinct os).Length <> os.Length then badInput "--observable: '%s' repeats an observable" text
        os

let private parseActivation (text: string) =
    try Activation.Parse text
    with :? ArgumentException | :? FormatException as e -> badInput "--activation '%s': %s" text (e.Message.Split('\n').[0])

let private parseCouplings (text: string) =
    let parts = text.Split(',', StringSplitOptions.TrimEntries)
    let value (part: string) =
        match Double.TryParse(part, Globalization.NumberStyles.Float, Globalization.CultureInfo.InvariantCulture) with
        | true, x when Double.IsFinite x -> x
        | _ -> badInput "--couplings '%s': '%s' is not a finite number" text part
    if parts.Length <> 5 then badInput "--couplings '%s': expected five numbers r,h,u,d1,d2, got %d" text parts.Length
    let c = parts |> Array.map value
    if c.[1] < 0.0 || c.[3] < 0.0 || c.[4] < 0.0 then badInput "--couplings '%s': h, d1 and d2 must be >= 0" text
    Dip.Engine.Theory.Couplings(c.[0], c.[1], c.[2], c.[3], c.[4])

/// Builds the validated simulation spec from the flags; every message names its flag.
let specOf (r: ParseResults<Args>) : SimulationSpec =
    let width = r.GetResult(Width, 1024) |> require "width" ">= 2" (fun n -> n >= 2)
    let depth = r.GetResult(Depth, 1000) |> require "depth" ">= 1" (fun n -> n >= 1)
    let sw2 = r.GetResult(Sigma_W2, 1.0) |> require "sigma-w2" "a finite number >= 0" (fun x -> Double.IsFinite x && x >= 0.0)
    let sb2 = r.GetResult(Sigma_B2, 0.0) |> require "sigma-b2" "a finite number >= 0" (fun x -> Double.IsFinite x && x >= 0.0)
    let trials = r.GetResult(Trials, 1000L) |> require "trials" "in [1, 2^32]" (fun t -> t >= 1L && t <= (1L <<< 32))
    let q0 = r.GetResult(Q0, 1.0) |> require "q0" "a finite number > 0" (fun x -> Double.IsFinite x && x > 0.0)
    let epsilon = r.GetResult(Epsilon, 0.1) |> require "epsilon" "a finite number >= 0" (fun x -> Double.IsFinite x && x >= 0.0)
    let eta = r.GetResult(Active_Threshold, 0.01) |> require "active-threshold" "a finite number > 0" (fun x -> Double.IsFinite x && x > 0.0)
    let weights =
        match r.GetResult(Weights, "gaussian").ToLowerInvariant() with
        | "gaussian" -> WeightDistribution.Gaussian
        | "uniform" -> WeightDistribution.Uniform
        | other -> badInput "--weights must be gaussian or uniform, got '%s'" other
    let mode =
        match r.GetResult(Mode, "exact").ToLowerInvariant() with
        | "exact" -> SimulationMode.Exact
        | "dense" -> SimulationMode.Dense
        | "langevin" -> SimulationMode.Langevin
        | other -> badInput "--mode must be exact, dense or langevin, got '%s'" other
    if r.Contains Quenched && mode <> SimulationMode.Dense then badInput "--quenched needs --mode dense (the exact path draws a fresh network per trial)"
    if weights <> WeightDistribution.Gaussian && mode = SimulationMode.Exact then badInput "--weights uniform needs --mode dense (the exact path assumes Gaussian weights)"
    let langevin = mode = SimulationMode.Langevin
    if not langevin && r.Contains Langevin_Substeps then badInput "--langevin-substeps needs --mode langevin"
    if not langevin && r.Contains Couplings then badInput "--couplings needs --mode langevin"
    let substeps = r.GetResult(Langevin_Substeps, 10) |> require "langevin-substeps" ">= 1" (fun k -> k >= 1)
    let couplings = r.TryGetResult Couplings |> Option.map parseCouplings |> Option.toObj
    let observables = parseObservables (r.GetResult(Observable, (if langevin then "length" else "distance")))
    if langevin && observables <> [| Observable.Length |] then
        badInput "--observable: langevin mode records the length only, got '%s'" (r.GetResult Observable)
    let activation = parseActivation (r.GetResult(Activation, "tanh"))
    if langevin && isNull couplings && not activation.HasTaylorSeries then
        badInput "--activation %s has no Taylor series at 0, so langevin mode needs --couplings r,h,u,d1,d2" activation.Spec
    let network = NetworkSpec(width, depth, sw2, sb2, activation, weights)
    SimulationSpec(network, Input = InputSpec(q0, epsilon), Observables = observables,
                   Mode = mode, Quenched = r.Contains Quenched, Trials = trials, Seed = r.GetResult(Seed, 1UL),
                   ActiveUnitThreshold = eta, LangevinSubsteps = substeps, LangevinCouplings = couplings).Validated()

/// The JSON record of the Langevin mode's couplings and integrator (theory.md §3.2, §3.6).
let langevinJson (spec: SimulationSpec) =
    let c = spec.ResolvedLangevinCouplings()
    Json.object
        [ "r", Json.number c.R
          "h", Json.number c.H
          "u", Json.number c.U
          "d1", Json.number c.D1
          "d2", Json.number c.D2
          "couplings_source", Json.text (if isNull spec.LangevinCouplings then "derived from the activation (theory.md §3.2, project derivation)" else "set by --couplings")
          "substeps", Json.integer (int64 spec.LangevinSubsteps)
          "equation", Json.text "dq = (h + r q - u q^2) dl + sqrt((d1 q + d2 q^2)/N) dW, Euler-Maruyama with dl = 1/substeps"
          "absorbing", Json.text "a step giving q <= 0 sets q = 0; q stays 0 when h = 0" ]

/// The JSON record of a spec's parameters.
let parametersJson (spec: SimulationSpec) =
    let n = spec.Network
    Json.object (
        [ "activation", Json.text n.Activation.Spec
          "width", Json.integer (int64 n.Width)
          "depth", Json.integer (int64 n.Depth)
          "sigma_w2", Json.number n.SigmaW2
          "sigma_b2", Json.number n.SigmaB2
          "weights", Json.text (string n.Weights |> fun s -> s.ToLowerInvariant())
          "mode", Json.text (string spec.Mode |> fun s -> s.ToLowerInvariant())
          "quenched", Json.boolean spec.Quenched
          "trials", Json.integer spec.Trials
          "seed", Json.integer (int64 spec.Seed)
          "q0", Json.number spec.Input.Q0
          "epsilon", Json.number spec.Input.Epsilon
          "active_threshold", Json.number spec.ActiveUnitThreshold
          "observables", Json.array (spec.Observables |> Seq.map (observableName >> Json.text)) ]
        @ (if spec.Mode = SimulationMode.Langevin then [ "langevin", langevinJson spec ] else []))

/// Collects the first observable's series of finished trials (for pilots).
type private SeriesCollector(depth: int) =
    let series = ResizeArray<float[]>()
    member _.Series = series.ToArray()
    interface ITrialSink with
        member _.Accept(_, activity, diverged) =
            if diverged < 0 then series.Add(activity.Slice(0, depth + 1).ToArray())

/// Writes avalanches (and activity) of finished trials, and counts divergences.
type private OutputSink(spec: SimulationSpec, extractor: AvalancheExtractor, avalanches: TextWriter, activity: TextWriter option) =
    let depth = spec.Network.Depth
    let stride = depth + 1
    let diverged = ResizeArray<int64 * int>()
    let mutable count, censored = 0L, 0L
    let emit (a: Avalanche) =
        AvalancheCsv.writeRow avalanches a
        count <- count + 1L
        if a.Censored then censored <- censored + 1L
    let emitAction = Action<Avalanche>(emit)
    member _.Avalanches = count
    member _.Censored = censored
    member _.Diverged = diverged.ToArray()
    interface ITrialSink with
        member _.Accept(trial, values, divergedAt) =
            if divergedAt >= 0 then diverged.Add((trial, divergedAt))
            else
                extractor.Extract(trial, 0, values.Slice(0, stride), emitAction)
                match activity with
                | None -> ()
                | Some w ->
                    let inv = Globalization.CultureInfo.InvariantCulture
                    for l in 0 .. depth do
                        w.Write(trial.ToString inv)
                        w.Write ','
                        w.Write(l.ToString inv)
                        for o in 0 .. spec.Observables.Count - 1 do
                            w.Write ','
                            w.Write(values.[o * stride + l].ToString("R", inv))
                        w.WriteLine()

/// Runs trials with a progress bar on a terminal, quietly otherwise.
let runWithProgress (quiet: bool) (label: string) (path: ITrialPath) (trials: int64) (sink: ITrialSink) (threads: int) (cancel: CancellationToken) =
    if quiet || Console.IsOutputRedirected || Console.IsErrorRedirected then
        TrialRunner.Run(path, trials, sink, threads, null, cancel)
    else
        AnsiConsole.Progress().Start(fun ctx ->
            let task = ctx.AddTask(label, maxValue = float trials)
            let progress = { new IProgress<int64> with member _.Report n = task.Value <- float n }
            TrialRunner.Run(path, trials, sink, threads, progress, cancel))

/// The verb's entry point.
let run (argv: string[]) : int =
    guard "simulate" (fun () ->
        match Arguments.parse<Args> "simulate" examples argv with
        | Arguments.HelpShown -> ExitCode.Ok
        | Arguments.Results r ->
            let spec = specOf r
            let outDir = r.GetResult Out
            let threads = r.GetResult(Threads, 0) |> require "threads" ">= 0 (0 = all cores)" (fun t -> t >= 0)
            let rule = AvalancheOptions.parseRule (r.GetResult(Threshold, "absolute:1e-3"))
            let mode = AvalancheOptions.parseMode (r.GetResult(Avalanche_Mode, "seeded"))
            let size = AvalancheOptions.parseSize (r.GetResult(Size, "above"))
            let pilotTrials = r.GetResult(Pilot_Trials, 256) |> require "pilot-trials" ">= 1" (fun t -> t >= 1)
            let json = r.Contains Json
            use cancel = new CancellationTokenSource()
            let onCancel = ConsoleCancelEventHandler(fun _ e -> e.Cancel <- true; cancel.Cancel())
            Console.CancelKeyPress.AddHandler onCancel
            try
                let clock = Stopwatch.StartNew()
                let pilot =
                    if rule.NeedsPilot then
                        let collector = SeriesCollector(spec.Network.Depth)
                        let pilotPath = TrialPaths.Create(SimulationSpec(spec.Network, Input = spec.Input, Observables = spec.Observables, Mode = spec.Mode,
                                                                        Quenched = spec.Quenched, Trials = min spec.Trials (int64 pilotTrials), Seed = spec.Seed,
                                                                        ActiveUnitThreshold = spec.ActiveUnitThreshold, LangevinSubsteps = spec.LangevinSubsteps,
                                                                        LangevinCouplings = spec.LangevinCouplings))
                        TrialRunner.Run(pilotPath, min spec.Trials (int64 pilotTrials), collector, threads, null, cancel.Token)
                        collector.Series
                    else [||]
                if rule.NeedsReference then
                    badInput "--threshold %s: the relative rule needs a mean-field reference, which dip simulate does not provide; use absolute or quantile" rule.Spec
                let thresholds = AvalancheOptions.resolve rule pilot None
                let extractor = AvalancheExtractor(thresholds, mode, size)
                // Seeded avalanches end at the first layer at or below threshold; without saved activity nothing later is needed.
                let earlyStop = mode = AvalancheMode.Seeded && not (r.Contains Save_Activity)
                let path = TrialPaths.Create(spec, (if earlyStop then thresholds else null))
                Directory.CreateDirectory outDir |> ignore
                use avalanchesFile = new AtomicFile.AtomicWriter(Path.Combine(outDir, "avalanches.csv"))
                AvalancheCsv.writeHeader avalanchesFile.Writer
                let activityFile =
                    if r.Contains Save_Activity then Some(new AtomicFile.AtomicWriter(Path.Combine(outDir, "activity.csv"))) else None
                use _ = { new IDisposable with member _.Dispose() = activityFile |> Option.iter (fun f -> (f :> IDisposable).Dispose()) }
                let activityWriter = activityFile |> Option.map (fun f -> f.Writer)
                activityWriter |> Option.iter (fun w -> ActivityCsv.writeHeader w (spec.Observables |> Seq.skip 1 |> Seq.map observableName |> List.ofSeq))
                let sink = OutputSink(spec, extractor, avalanchesFile.Writer, activityWriter)
                runWithProgress json "simulating" path spec.Trials sink threads cancel.Token
                let seconds = clock.Elapsed.TotalSeconds
                let layerSteps = float spec.Trials * float spec.Network.Depth
                let summary =
                    Json.object
                        [ "engine_version", Json.text (typeof<SimulationSpec>.Assembly.GetName().Version.ToString())
                          "parameters", parametersJson spec
                          "observable_definitions",
                          Json.object ([ for o in spec.Observables ->
                                           observableName o,
                                           Json.text (if spec.Mode = SimulationMode.Langevin then "q^l of the reduced Langevin model (parameters.langevin)" else observableDefinition o) ]
                                       @ [ "layer_convention",
                                           Json.text (if spec.Mode = SimulationMode.Langevin then "layer 0 is q0; layer l is q after l * substeps Euler-Maruyama steps"
                                                      else "layer 0 is the input x; h^(l+1) = W^(l+1) phi(h^l) + b^(l+1)")
                                           "source", Json.text "project definitions (theory.md §4.1), not confirmed to be the target papers'" ])
                          "avalanche_observable", Json.text (observableName spec.Observables.[0])
                          "avalanche_definitions", AvalancheOptions.definitions rule thresholds mode size pilotTrials
                          "n_avalanches", Json.integer sink.Avalanches
                          "n_censored", Json.integer sink.Censored
                          "n_diverged", Json.integer (int64 sink.Diverged.Length)
                          "diverged", Json.array (sink.Diverged |> Seq.truncate 100 |> Seq.map (fun (t, l) -> Json.object [ "trial", Json.integer t; "layer", Json.integer (int64 l) ]))
                          "threads", Json.integer (int64 (if threads > 0 then threads else Environment.ProcessorCount))
                          "wall_seconds", Json.number seconds
                          "layers_per_second", Json.number (layerSteps / seconds) ]
                avalanchesFile.Commit()
                activityFile |> Option.iter (fun f -> f.Commit())
                AtomicFile.writeText (Path.Combine(outDir, "run.json")) (Json.format summary + "\n")
                if json then printfn "%s" (Json.format summary)
                else
                    printfn "%d trials, %d avalanches (%d censored), %d diverged; %.1f s, %.3g layers/s -> %s"
                        spec.Trials sink.Avalanches sink.Censored sink.Diverged.Length seconds (layerSteps / seconds) outDir
                if sink.Diverged.Length > 0 then
                    let t, l = sink.Diverged.[0]
                    eprintfn "dip simulate: %d trials diverged (first: trial %d at layer %d); they are excluded from the data" sink.Diverged.Length t l
                ExitCode.Ok
            finally
                Console.CancelKeyPress.RemoveHandler onCancel)

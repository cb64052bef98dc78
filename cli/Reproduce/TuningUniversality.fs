/// Paper 2's Figure 1 (arXiv:2512.00168), as the project reads it: activation design tunes the avalanche universality
/// class. phi-d2 (tanh, D1 = 0) is measured on random networks: the two-trajectory distance, a log random walk with no
/// field (theory.md §3.5), at the finite-width critical point. phi-d1 (tanh(0.2 + x), D1 > 0) is measured on the reduced
/// Langevin model with its own couplings and the field set to zero, because in the network the same a_0 that makes D1 > 0
/// also switches on a field h that removes the absorbing state (theory.md §3.5); the report says so.
module Dip.Cli.Reproduce.TuningUniversality

open System
open System.Text.Json.Nodes
open Dip.Engine.Activations
open Dip.Engine.Avalanches
open Dip.Engine.Networks
open Dip.Engine.Simulation
open Dip.Engine.Theory
open Dip.Analysis.PowerLaw
open Dip.Analysis.Crackling
open Dip.Analysis.Crackling.CracklingAnalysis
open Dip.Cli.Infrastructure
open Dip.Cli.Report

/// The sizes of a reproduction run (the default run and --quick differ only here).
type Settings =
    { /// Width of the phi-d2 networks (exact path).
      Width: int
      /// Depth L of the phi-d2 networks: the duration cutoff.
      Depth: int
      /// phi-d2 trials (one seeded avalanche each).
      Trials: int64
      /// Trials and depth of each pilot that measures the distance's growth rate.
      PilotTrials: int64
      PilotDepth: int
      /// RMS input perturbation per unit (d^0 = Epsilon^2): small, so that excursions stay in the linear regime of d.
      Epsilon: float
      /// Mean number of layers the log walk needs to cross the gap between the seed and the threshold (sets the gap).
      StartLayers: float
      /// Width, depth and trials of the exact-against-dense cross-check.
      CrossCheckWidth: int
      CrossCheckDepth: int
      CrossCheckTrials: int64
      /// Width, depth, trials and Euler substeps per layer of the phi-d1 Langevin run. The width only scales the noise, so
      /// the reduced model affords widths far beyond the networks': the finite-size cutoff of its avalanches grows like
      /// sqrt(N / (u D1)) layers.
      LangevinWidth: int
      LangevinDepth: int
      LangevinTrials: int64
      LangevinSubsteps: int
      /// The Langevin seed q0 in units of D1 / (2N): the absorption-time law from q0 is P(T > t) = 1 - exp(-t0 / t) with
      /// t0 = 2 q0 N / D1, so t0 = 1 is the single-ancestor seed of a critical branching process (P(T > t) ~ 1 / t).
      LangevinStartLayers: float
      /// Shape collapse: durations from this many times StartLayers, each with at least CollapseMinCount avalanches.
      CollapseStartMultiple: float
      CollapseMinCount: int
      Seed: uint64
      Threads: int }

/// The default run (a few minutes on 2 cores).
let defaults =
    { Width = 4096; Depth = 2000; Trials = 40000L; PilotTrials = 2048L; PilotDepth = 200; Epsilon = 1e-3; StartLayers = 4.0
      CrossCheckWidth = 256; CrossCheckDepth = 300; CrossCheckTrials = 1000L
      LangevinWidth = 1 <<< 20; LangevinDepth = 4000; LangevinTrials = 200000L; LangevinSubsteps = 10; LangevinStartLayers = 1.0
      CollapseStartMultiple = 10.0; CollapseMinCount = 20; Seed = 1UL; Threads = 0 }

/// The quick run (CI): same design, fewer and shorter trials; exponents are noisier.
let quick =
    { defaults with
        Width = 1024; Depth = 500; Trials = 3000L; PilotTrials = 256L; PilotDepth = 100
        CrossCheckWidth = 128; CrossCheckDepth = 150; CrossCheckTrials = 300L
        LangevinWidth = 1 <<< 18; LangevinDepth = 1000; LangevinTrials = 40000L
        CollapseStartMultiple = 4.0; CollapseMinCount = 10 }

/// One measured class: its avalanches and how they were made.
type ClassRun =
    { Key: string
      Title: string
      /// What was simulated, in one line (network path or reduced model).
      Source: string
      Avalanches: Avalanche[]
      ClassPredicted: string
      Predicted: AvalancheExponents
      /// Collapse options: durations well past the seeded start.
      Collapse: ShapeCollapse.CollapseOptions
      Parameters: (string * JsonNode) list }

/// Collects avalanches of finished trials (trial order).
type private AvalancheSink(extractor: AvalancheExtractor, depth: int) =
    let found = ResizeArray<Avalanche>()
    let diverged = ref 0L
    let emit = Action<Avalanche>(found.Add)
    member _.Avalanches = found.ToArray()
    member _.Diverged = diverged.Value
    interface ITrialSink with
        member _.Accept(trial, activity, divergedAt) =
            if divergedAt >= 0 then diverged.Value <- diverged.Value + 1L
            else extractor.Extract(trial, 0, activity.Slice(0, depth + 1), emit)

/// Runs a spec's trials and cuts each into its seeded avalanche (with profiles), stopping trials once they end.
let private seededAvalanches (spec: SimulationSpec) (threshold: float) (size: SizeRule) (threads: int) =
    let thresholds = LayerThresholds.Constant threshold
    let extractor = AvalancheExtractor(thresholds, AvalancheMode.Seeded, size, true)
    let sink = AvalancheSink(extractor, spec.Network.Depth)
    TrialRunner.Run(TrialPaths.Create(spec, thresholds), spec.Trials, sink, threads)
    sink.Avalanches, sink.Diverged

let private rateJson (r: DistanceGrowth.Rate) =
    Json.object [ "mean", Json.number r.Mean; "se", Json.number r.StandardError; "increment_variance", Json.number r.IncrementVariance ]

/// phi-d2 on random networks (exact conditional-Gaussian path): distance avalanches at the finite-width critical point.
let phiD2 (s: Settings) (log: string -> unit) : ClassRun * (string * JsonNode) list =
    let activation = DesignedActivations.PhiD2
    let sigmaB2 = 0.05
    let meanFieldCritical = MeanField.CriticalSigmaW2(activation, sigmaB2)
    let qStar = MeanField(activation, meanFieldCritical, sigmaB2).FixedPointLength()
    let epsilon = s.Epsilon
    let spec width depth trials seed sigmaW2 mode =
        SimulationSpec(NetworkSpec(width, depth, sigmaW2, sigmaB2, activation),
                       Input = InputSpec(qStar, epsilon), Observables = [| Observable.Distance |], Mode = mode,
                       Trials = trials, Seed = seed)
    log $"phi-d2: mean-field critical sigma_w^2 = {meanFieldCritical:F6} (sigma_b^2 = {sigmaB2}), q* = {qStar:F6}; tuning at N = {s.Width}"
    let pilot = spec s.Width s.PilotDepth s.PilotTrials (s.Seed + 1000UL) meanFieldCritical SimulationMode.Exact
    let burnIn = 10
    let struct (critical, atStart, atStep) = DistanceGrowth.CriticalSigmaW2(pilot, meanFieldCritical, burnIn, maxThreads = s.Threads)
    let check = DistanceGrowth.Measure(spec s.Width s.PilotDepth s.PilotTrials (s.Seed + 2000UL) critical SimulationMode.Exact, burnIn, s.Threads)
    log $"phi-d2: growth rate {atStart.Mean:E2} +- {atStart.StandardError:E2} per layer at the mean-field point, {atStep.Mean:E2} one step up"
    log $"phi-d2: finite-width critical sigma_w^2 = {critical:F6}; growth rate there {check.Mean:E2} +- {check.StandardError:E2} per layer"
    let gap = sqrt (s.StartLayers * check.IncrementVariance)
    let threshold = epsilon * epsilon * exp (-gap)
    let main = spec s.Width s.Depth s.Trials s.Seed critical SimulationMode.Exact
    let avalanches, diverged = seededAvalanches main threshold SizeRule.AboveThreshold s.Threads
    log $"phi-d2: {avalanches.Length} avalanches at N = {s.Width}, L = {s.Depth} (threshold {threshold:E4}, {diverged} diverged)"
    // Exact against dense at a small width: the same law, so the avalanche statistics must agree.
    let crossGap = sqrt (s.StartLayers * check.IncrementVariance * float s.Width / float s.CrossCheckWidth)
    let crossThreshold = epsilon * epsilon * exp (-crossGap)
    let cross mode = spec s.CrossCheckWidth s.CrossCheckDepth s.CrossCheckTrials (s.Seed + 3000UL) meanFieldCritical mode
    let exact, _ = seededAvalanches (cross SimulationMode.Exact) crossThreshold SizeRule.AboveThreshold s.Threads
    let dense, _ = seededAvalanches (cross SimulationMode.Dense) crossThreshold SizeRule.AboveThreshold s.Threads
    let ks (f: Avalanche -> float) = Dip.Analysis.Statistics.TwoSampleKs.test (exact |> Array.map f) (dense |> Array.map f)
    let dD, pD = ks (fun a -> float a.Duration)
    let dS, pS = ks (fun a -> a.Size)
    log $"phi-d2: exact vs dense at N = {s.CrossCheckWidth}: KS on durations D = {dD:F3} (p = {pD:F3}), on sizes D = {dS:F3} (p = {pS:F3})"
    let crossCheck =
        [ "cross_check",
          Json.object
              [ "width", Json.integer (int64 s.CrossCheckWidth); "depth", Json.integer (int64 s.CrossCheckDepth)
                "trials", Json.integer s.CrossCheckTrials; "sigma_w2", Json.number meanFieldCritical; "threshold", Json.number crossThreshold
                "ks_durations", Json.object [ "D", Json.number dD; "p", Json.number pD ]
                "ks_sizes", Json.object [ "D", Json.number dS; "p", Json.number pS ] ] ]
    let exponents = AvalancheExponents.ForNoiseExponent 2.0
    { Key = "phi_d2"
      Title = "phi-d2 = tanh"
      Source = $"random networks, exact conditional-Gaussian path, N = {s.Width}: two-trajectory distance d^l, seeded avalanches"
      Avalanches = avalanches
      ClassPredicted = "free-BM"
      Predicted = exponents
      Collapse = { ShapeCollapse.defaults with MinDuration = int (s.CollapseStartMultiple * s.StartLayers); MinCount = s.CollapseMinCount }
      Parameters =
        [ "activation", Json.text activation.Spec; "observable", Json.text "distance"; "path", Json.text "exact"
          "width", Json.integer (int64 s.Width); "depth", Json.integer (int64 s.Depth); "trials", Json.integer s.Trials
          "seed", Json.integer (int64 s.Seed); "sigma_b2", Json.number sigmaB2
          "sigma_w2_mean_field_critical", Json.number meanFieldCritical; "sigma_w2", Json.number critical
          "q0", Json.number qStar; "epsilon", Json.number epsilon; "threshold", Json.number threshold
          "log_gap", Json.number gap; "avalanche_mode", Json.text "seeded"; "size", Json.text "above-threshold"
          "diverged", Json.integer diverged
          "growth_rate",
          Json.object
              [ "pilot_trials", Json.integer s.PilotTrials; "pilot_depth", Json.integer (int64 s.PilotDepth); "burn_in", Json.integer (int64 burnIn)
                "at_mean_field_critical", rateJson atStart; "at_step", rateJson atStep; "at_tuned", rateJson check ] ] },
    crossCheck

/// Tolerances of the comparison with the predictions (the issue's: 0.05 on tau, 0.1 on gamma).
let tauTolerance, gammaTolerance = 0.05, 0.1

/// The crackling analysis of a class run (censored avalanches excluded; collapse from the run's minimum duration).
let analyze (run: ClassRun) : CracklingResult =
    let options =
        { CracklingAnalysis.defaults with Collapse = Some run.Collapse }
    CracklingAnalysis.analyze options run.Avalanches

let private complete (run: ClassRun) = run.Avalanches |> Array.filter (fun a -> not a.Censored)

/// The figure's row for a class.
let panels (run: ClassRun) (r: CracklingResult) : ReproductionReport.ClassPanels =
    let avalanches = complete run
    let sizes = avalanches |> Array.map (fun a -> a.Size) |> Array.filter (fun x -> x > 0.0)
    let durations = avalanches |> Array.map (fun a -> float a.Duration)
    let tail (f: PowerLawFit) (values: float[]) : ReproductionReport.TailFit =
        { Alpha = f.Alpha; AlphaSe = f.AlphaSe; Xmin = f.Xmin; Xmax = defaultArg f.Xmax (Array.max values)
          TailFraction = float f.NTail / float values.Length }
    let collapse = r.Collapse
    { Key = run.Key
      Title = run.Title
      Sizes = sizes
      Durations = durations
      TauS = tail r.TauS sizes
      TauD = tail r.TauD durations
      MeanSizeByDuration = r.Table |> Array.map (fun row -> float row.Duration, row.MeanSize)
      GammaFit = r.GammaFit.Gamma
      GammaFitSe = r.GammaFit.GammaSe
      GammaFitIntercept = r.GammaFit.Intercept
      GammaFitRange = float r.GammaFit.DMin, float r.GammaFit.DMax
      GammaPred = r.GammaPred
      GammaPredSe = r.GammaPredSe
      GammaCollapse = collapse |> Option.map (fun c -> c.Gamma) |> Option.defaultValue nan
      CollapsedShape = collapse |> Option.map (fun c -> c.Shape) |> Option.defaultValue [||]
      Shape = collapse |> Option.map (fun c -> c.Family) |> Option.defaultValue "n/a"
      ClassPredicted = run.ClassPredicted
      Predicted = run.Predicted.TauS, run.Predicted.TauD, run.Predicted.Gamma
      Source = run.Source }

/// A class's entry of summary.json: the measured exponents, the prediction, whether each lands within tolerance, and the
/// run parameters.
let summary (run: ClassRun) (r: CracklingResult) : JsonNode =
    let p = run.Predicted
    let within tolerance measured predicted = Json.boolean (abs (measured - predicted) <= tolerance)
    let gammaCollapse = r.Collapse |> Option.map (fun c -> c.Gamma) |> Option.defaultValue nan
    Json.object (
        CracklingJson.exponents r
        @ [ "gamma_collapse", Json.number gammaCollapse
            "shape", (r.Collapse |> Option.map (fun c -> Json.text c.Family) |> Option.toObj)
            "n_avalanches", Json.integer (int64 r.NAvalanches)
            "n_censored", Json.integer (int64 r.NCensored)
            "class_predicted", Json.text run.ClassPredicted
            "predicted", Json.object [ "tau_s", Json.number p.TauS; "tau_d", Json.number p.TauD; "gamma", Json.number p.Gamma ]
            "within_tolerance",
            Json.object
                [ "tau_s", within tauTolerance r.TauS.Alpha p.TauS
                  "tau_d", within tauTolerance r.TauD.Alpha p.TauD
                  "gamma_fit", within gammaTolerance r.GammaFit.Gamma p.Gamma
                  "gamma_pred", within gammaTolerance r.GammaPred p.Gamma
                  "gamma_collapse", within gammaTolerance gammaCollapse p.Gamma ]
            "fit_ranges",
            Json.object
                [ "tau_s", Json.object [ "xmin", Json.number r.TauS.Xmin; "xmax", Json.optionalNumber r.TauS.Xmax; "n_tail", Json.integer (int64 r.TauS.NTail) ]
                  "tau_d", Json.object [ "xmin", Json.number r.TauD.Xmin; "xmax", Json.optionalNumber r.TauD.Xmax; "n_tail", Json.integer (int64 r.TauD.NTail) ]
                  "gamma_fit", Json.object [ "dmin", Json.integer (int64 r.GammaFit.DMin); "dmax", Json.integer (int64 r.GammaFit.DMax) ]
                  "collapse_durations", (r.Collapse |> Option.map (fun c -> Json.array (c.Durations |> Seq.map (int64 >> Json.integer))) |> Option.toObj) ]
            "source", Json.text run.Source
            "parameters", Json.object run.Parameters ])

/// phi-d1 on the reduced Langevin model (theory.md §3.2, §3.6): its couplings at the sigma_w^2 where r = 0 (sigma_b^2 = 0),
/// with the field h set to 0 so that q = 0 is absorbing; seeded avalanches from a small q0 last until absorption.
let phiD1 (s: Settings) (log: string -> unit) : ClassRun =
    let activation = DesignedActivations.PhiD1
    let atUnit = Couplings.For(activation, 1.0, 0.0)
    let sigmaW2 = 1.0 / (atUnit.R + 1.0)
    let network = Couplings.For(activation, sigmaW2, 0.0)
    let couplings = Couplings(0.0, 0.0, network.U, network.D1, network.D2)
    let q0 = s.LangevinStartLayers * couplings.D1 / (2.0 * float s.LangevinWidth)
    let spec =
        SimulationSpec(NetworkSpec(s.LangevinWidth, s.LangevinDepth, sigmaW2, 0.0, activation),
                       Mode = SimulationMode.Langevin, Observables = [| Observable.Length |], Input = InputSpec(q0, 0.0),
                       LangevinCouplings = couplings, LangevinSubsteps = s.LangevinSubsteps,
                       Trials = s.LangevinTrials, Seed = s.Seed + 4000UL)
    let avalanches, diverged = seededAvalanches spec 0.0 SizeRule.AboveThreshold s.Threads
    let networkDelta = 4.0 * network.H * 4096.0 / network.D1
    log $"phi-d1: {avalanches.Length} avalanches of the reduced model at N = {s.LangevinWidth} (u = {couplings.U:F4}, D1 = {couplings.D1:F4}, D2 = {couplings.D2:F4}; the network's field h = {network.H:F4} would give delta = 4hN/D1 = {networkDelta:F0} at N = 4096)"
    { Key = "phi_d1"
      Title = "phi-d1 = tanh(0.2 + x)"
      Source = $"reduced Langevin model (stochastic DIP), phi-d1's couplings with h = 0, N = {s.LangevinWidth}: length q^l, seeded avalanches until absorption"
      Avalanches = avalanches
      ClassPredicted = "DP"
      Predicted = AvalancheExponents.ForNoiseExponent 1.0
      Collapse = { ShapeCollapse.defaults with MinDuration = max 10 (int (s.CollapseStartMultiple * s.LangevinStartLayers)); MinCount = s.CollapseMinCount }
      Parameters =
        [ "activation", Json.text activation.Spec; "observable", Json.text "length"; "path", Json.text "langevin"
          "width", Json.integer (int64 s.LangevinWidth); "depth", Json.integer (int64 s.LangevinDepth)
          "trials", Json.integer s.LangevinTrials; "seed", Json.integer (int64 (s.Seed + 4000UL))
          "sigma_w2", Json.number sigmaW2; "sigma_b2", Json.number 0.0; "substeps", Json.integer (int64 s.LangevinSubsteps)
          "couplings", Json.object [ "r", Json.number couplings.R; "h", Json.number couplings.H; "u", Json.number couplings.U; "D1", Json.number couplings.D1; "D2", Json.number couplings.D2 ]
          "network_couplings", Json.object [ "r", Json.number network.R; "h", Json.number network.H; "u", Json.number network.U; "D1", Json.number network.D1; "D2", Json.number network.D2 ]
          "network_field_dimension_at_4096", Json.number networkDelta
          "q0", Json.number q0; "threshold", Json.number 0.0; "avalanche_mode", Json.text "seeded"; "size", Json.text "total area (threshold 0)"
          "diverged", Json.integer diverged ] }

/// The avalanche definitions a user picks on the command line (threshold rule, mode, size rule), parsed with messages
/// that name the flag, resolved against pilot data, and recorded in outputs (theory.md §4.2-§4.3; project choices).
module Dip.Cli.Data.AvalancheOptions

open Dip.Engine.Avalanches
open Dip.Cli.Infrastructure
open Dip.Cli.Infrastructure.CliError

/// Parses `--threshold` (absolute:X, X, quantile:P, layer-quantile:P, relative:RHO).
let parseRule (text: string) : ThresholdRule =
    try ThresholdRule.Parse text with :? System.FormatException as e -> badInput "--threshold: %s" e.Message

/// Parses `--avalanche-mode` (seeded or spontaneous).
let parseMode (text: string) : AvalancheMode =
    match text.Trim().ToLowerInvariant() with
    | "seeded" -> AvalancheMode.Seeded
    | "spontaneous" -> AvalancheMode.Spontaneous
    | other -> badInput "--avalanche-mode must be seeded or spontaneous, got '%s'" other

/// Parses `--size` (above or total).
let parseSize (text: string) : SizeRule =
    match text.Trim().ToLowerInvariant() with
    | "above" -> SizeRule.AboveThreshold
    | "total" -> SizeRule.TotalArea
    | other -> badInput "--size must be above or total, got '%s'" other

/// The text form of a mode and a size rule, as recorded in outputs.
let modeName (mode: AvalancheMode) = if mode = AvalancheMode.Seeded then "seeded" else "spontaneous"
let sizeName (size: SizeRule) = if size = SizeRule.AboveThreshold then "above-threshold" else "total-area"

/// Resolves a rule; errors name the --threshold flag.
let resolve (rule: ThresholdRule) (pilot: float[][]) (reference: float[] option) : LayerThresholds =
    try
        rule.Resolve(pilot, Option.toObj reference)
    with :? System.ArgumentException as e ->
        badInput "--threshold %s: %s" rule.Spec (e.Message.Split('\n').[0])

/// JSON record of the avalanche definitions used.
let definitions (rule: ThresholdRule) (thresholds: LayerThresholds) (mode: AvalancheMode) (size: SizeRule) pilotTrials =
    Json.object
        [ "threshold_rule", Json.text rule.Spec
          "threshold", (if thresholds.IsConstant then Json.number thresholds.[0] else Json.array (thresholds.Values |> Seq.map Json.number))
          "pilot_trials", (if rule.NeedsPilot then Json.integer (int64 pilotTrials) else null)
          "avalanche_mode", Json.text (modeName mode)
          "size", Json.text (sizeName size)
          "censoring", Json.text "censored = 1 when the run reaches the last recorded layer; such avalanches are kept and flagged"
          "source", Json.text "project definitions (theory.md §4.2-§4.3), not confirmed to be the target papers'" ]

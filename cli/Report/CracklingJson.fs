/// The exponent members shared by `dip crackling --json` and the reproductions' summary.json (the key names are a contract).
module Dip.Cli.Report.CracklingJson

open System.Text.Json.Nodes
open Dip.Analysis.Crackling.CracklingAnalysis
open Dip.Cli.Infrastructure

/// tau_s, tau_d, gamma_fit and gamma_pred of a crackling analysis, each with its standard error.
let exponents (r: CracklingResult) : (string * JsonNode) list =
    [ "tau_s", Json.number r.TauS.Alpha
      "tau_s_se", Json.number r.TauS.AlphaSe
      "tau_d", Json.number r.TauD.Alpha
      "tau_d_se", Json.number r.TauD.AlphaSe
      "gamma_fit", Json.number r.GammaFit.Gamma
      "gamma_fit_se", Json.number r.GammaFit.GammaSe
      "gamma_pred", Json.number r.GammaPred
      "gamma_pred_se", Json.number r.GammaPredSe ]

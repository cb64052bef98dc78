module Dip.Analysis.Placeholder
let x = 1

using BenchmarkDotNet.Attributes;
using Dip.Analysis.Crackling;
using Dip.Analysis.Generators;
using Dip.Engine.Avalanches;

namespace Dip.Bench.Analysis;

/// <summary>
/// The crackling analysis of 10^5 avalanches with profiles (critical Poisson(1) branching, at most 2000 generations,
/// fixed seed): the shape collapse alone (issue #4 performance list), and the whole analysis (tau_s, tau_d, gamma three
/// ways, collapse).
/// </summary>
public class CracklingBenchmarks
{
    private Avalanche[] _avalanches = [];

    /// <summary>Generates the avalanches once.</summary>
    [GlobalSetup]
    public void Setup() =>
        _avalanches = Branching.Avalanches(Branching.Offspring.NewPoisson(1.0), 2000, 100_000, 5UL);

    /// <summary>NCC shape collapse (mean profiles per duration, gamma scan, template distances).</summary>
    [Benchmark]
    public double ShapeCollapse() => Dip.Analysis.Crackling.ShapeCollapse.collapse(Dip.Analysis.Crackling.ShapeCollapse.defaults, _avalanches).Gamma;

    /// <summary>The full crackling analysis.</summary>
    [Benchmark]
    public double FullAnalysis() => CracklingAnalysis.analyze(CracklingAnalysis.defaults, _avalanches).GammaPred;
}

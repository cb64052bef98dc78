using BenchmarkDotNet.Attributes;
using Dip.Analysis.Generators;
using Dip.Analysis.PowerLaw;
using Microsoft.FSharp.Core;

namespace Dip.Bench.Analysis;

/// <summary>
/// The full CSN fit (x_min scan included) of 10^6 exact power-law samples, continuous and discrete (issue #4 target:
/// under 2 s on 2 cores). Data: alpha = 2.5, x_min = 1, fixed seeds.
/// </summary>
public class PowerLawFitBenchmarks
{
    private double[] _continuous = [];
    private double[] _discrete = [];

    /// <summary>Draws the two data sets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _continuous = PowerLawSampler.Continuous(2.5, 1.0, 1_000_000, 1UL);
        _discrete = PowerLawSampler.Discrete(2.5, 1, 1_000_000, 2UL);
    }

    private static Fit.FitOptions Options(bool discrete) =>
        new(FSharpOption<bool>.Some(discrete), FSharpOption<double>.None, FSharpOption<double>.None,
            Fit.defaults.MinTail, Fit.defaults.MaxCandidates);

    /// <summary>x_min scan + continuous fit of 10^6 values.</summary>
    [Benchmark]
    public double ContinuousFit() => Fit.Fit(Options(false), _continuous).Alpha;

    /// <summary>x_min scan + exact discrete (Hurwitz) fit of 10^6 integers.</summary>
    [Benchmark]
    public double DiscreteFit() => Fit.Fit(Options(true), _discrete).Alpha;
}

/// <summary>CSN bootstrap p-value with 1000 resamples (each a full refit with x_min scan) of 10^4 continuous values.</summary>
public class PowerLawBootstrapBenchmarks
{
    private double[] _data = [];
    private PowerLawFit _fit = null!;
    private Fit.FitOptions _options = null!;

    /// <summary>Draws the data and fits it once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = PowerLawSampler.Continuous(2.5, 1.0, 10_000, 3UL);
        _options = new(FSharpOption<bool>.Some(false), FSharpOption<double>.None, FSharpOption<double>.None,
            Fit.defaults.MinTail, Fit.defaults.MaxCandidates);
        _fit = Fit.Fit(_options, _data);
    }

    /// <summary>1000 resamples.</summary>
    [Benchmark]
    public double Bootstrap1000() => GoodnessOfFit.BootstrapPValue(_options, _data, _fit, 1000, 7UL);
}

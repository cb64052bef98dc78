using Dip.Engine.Activations;

namespace Dip.Engine.Networks;

/// <summary>
/// A random fully connected network h^(l+1) = W^(l+1) phi(h^l) + b^(l+1) of constant width N and depth L, with
/// W_ij of variance sigma_w^2 / N and b_i ~ N(0, sigma_b^2) (theory.md §2). Every property is validated when set:
/// a bad value raises <see cref="ArgumentException"/> naming the parameter and the value.
/// </summary>
public sealed record NetworkSpec
{
    private readonly int _width = 1, _depth = 1;
    private readonly double _sigmaW2 = 1.0, _sigmaB2;
    private readonly Activation _activation = Activation.Tanh;
    private readonly WeightDistribution _weights = WeightDistribution.Gaussian;

    /// <summary>Creates a spec; all arguments are validated.</summary>
    public NetworkSpec(int width, int depth, double sigmaW2, double sigmaB2, Activation activation,
        WeightDistribution weights = WeightDistribution.Gaussian)
    {
        Width = width;
        Depth = depth;
        SigmaW2 = sigmaW2;
        SigmaB2 = sigmaB2;
        Activation = activation;
        Weights = weights;
    }

    /// <summary>Width N (units per layer), at least 1.</summary>
    public int Width
    {
        get => _width;
        init => _width = value >= 1 ? value : throw new ArgumentException($"width must be >= 1, got {value}", nameof(Width));
    }

    /// <summary>Depth L (number of layers after the input), at least 1.</summary>
    public int Depth
    {
        get => _depth;
        init => _depth = value >= 1 ? value : throw new ArgumentException($"depth must be >= 1, got {value}", nameof(Depth));
    }

    /// <summary>Weight variance scale sigma_w^2 (finite, &gt;= 0); entries have variance sigma_w^2 / N.</summary>
    public double SigmaW2
    {
        get => _sigmaW2;
        init => _sigmaW2 = CheckVariance(value, "sigma_w^2", nameof(SigmaW2));
    }

    /// <summary>Bias variance sigma_b^2 (finite, &gt;= 0).</summary>
    public double SigmaB2
    {
        get => _sigmaB2;
        init => _sigmaB2 = CheckVariance(value, "sigma_b^2", nameof(SigmaB2));
    }

    /// <summary>The activation phi.</summary>
    public Activation Activation
    {
        get => _activation;
        init => _activation = value ?? throw new ArgumentNullException(nameof(Activation));
    }

    /// <summary>The law of the weight entries.</summary>
    public WeightDistribution Weights
    {
        get => _weights;
        init => _weights = Enum.IsDefined(value) ? value
            : throw new ArgumentException($"weight distribution must be Gaussian or Uniform, got {value}", nameof(Weights));
    }

    /// <summary>Standard deviation of a weight entry, sqrt(sigma_w^2 / N).</summary>
    public double WeightScale => Math.Sqrt(SigmaW2 / Width);

    private static double CheckVariance(double value, string symbol, string parameter) =>
        double.IsFinite(value) && value >= 0.0 ? value
            : throw new ArgumentException($"{symbol} must be a finite number >= 0, got {value}", parameter);
}

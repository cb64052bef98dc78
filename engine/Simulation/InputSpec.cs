namespace Dip.Engine.Simulation;

/// <summary>
/// The inputs of each trial: a Gaussian input x_a rescaled so that (1/N)|x_a|^2 = <see cref="Q0"/> exactly, and its perturbed
/// twin x_b = x_a + epsilon sqrt(N) u with u a uniformly random unit vector, so that the input distance is
/// d^0 = (1/N)|x_b - x_a|^2 = epsilon^2 exactly, whatever N. The input plays the role of layer 0: h^0 = x, and layer 1 is
/// W^1 phi(h^0) + b^1. Project choice (theory.md §4.1): epsilon is the root-mean-square perturbation per unit.
/// </summary>
public sealed record InputSpec
{
    private readonly double _q0 = 1.0, _epsilon = 0.1;

    /// <summary>Creates an input spec; arguments are validated.</summary>
    public InputSpec(double q0 = 1.0, double epsilon = 0.1)
    {
        Q0 = q0;
        Epsilon = epsilon;
    }

    /// <summary>Input length q0 = (1/N)|x_a|^2, finite and &gt; 0.</summary>
    public double Q0
    {
        get => _q0;
        init => _q0 = double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentException($"q0 must be a finite number > 0, got {value}", nameof(Q0));
    }

    /// <summary>Perturbation size epsilon, the root-mean-square per unit (d^0 = epsilon^2), finite and &gt;= 0.</summary>
    public double Epsilon
    {
        get => _epsilon;
        init => _epsilon = double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"epsilon must be a finite number >= 0, got {value}", nameof(Epsilon));
    }
}

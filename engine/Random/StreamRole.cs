namespace Dip.Engine.Random;

/// <summary>What a random stream is used for; part of the stream identity, so that the weights of layer 7 of trial 3
/// never share numbers with that layer's biases or with the inputs.</summary>
public enum StreamRole : byte
{
    /// <summary>Input vectors of a trial.</summary>
    Input = 0,
    /// <summary>Perturbation directions added to inputs.</summary>
    Perturbation = 1,
    /// <summary>Weight matrices.</summary>
    Weights = 2,
    /// <summary>Bias vectors.</summary>
    Biases = 3,
    /// <summary>Conditional-Gaussian (exact path) pre-activations.</summary>
    Exact = 4,
    /// <summary>Noise of the reduced Langevin model.</summary>
    Langevin = 5,
    /// <summary>Resampling in statistical estimators (bootstrap).</summary>
    Resampling = 6,
    /// <summary>Synthetic data generators (power laws, branching processes, walks).</summary>
    Generator = 7,
}

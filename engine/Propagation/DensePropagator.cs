using System.Numerics;
using Dip.Engine.Kernels.Propagation;
using Dip.Engine.Networks;
using Dip.Engine.Random;

namespace Dip.Engine.Propagation;

/// <summary>
/// Forward passes through one sampled network of a <see cref="NetworkSpec"/> (the dense path of theory.md §3.1):
/// h^0 = x, h^l = W^l phi(h^(l-1)) + b^l for l = 1..L. The network is fixed by (seed, network index): W^l_ij is
/// scale * normal i*N + j of <c>RandomStream.For(seed, network, l, StreamRole.Weights)</c> (float layout in float,
/// double layout in double; uniform law: a (2u - 1), a = sqrt(3 sigma_w^2 / N)) and b^l_i = sigma_b * normal i of the
/// Biases stream. Results do not depend on <see cref="Threads"/> or <see cref="Storage"/> (bit for bit).
/// Instances are thread-safe.
/// </summary>
public sealed class DensePropagator
{
    private readonly WeightSource _source;
    private readonly Lock _gate = new();
    private float[][]? _storedSingle, _biasesSingle;
    private double[][]? _storedDouble, _biasesDouble;

    /// <summary>
    /// Creates a propagator. Throws <see cref="ArgumentException"/> when network is outside [0, 2^32), the depth exceeds
    /// <see cref="RandomStream.MaxLayer"/>, threads &lt; 1 or storage is undefined; <see cref="ArgumentNullException"/> for a null spec.
    /// </summary>
    public DensePropagator(NetworkSpec spec, ulong seed, long network, WeightStorage storage = WeightStorage.Streamed, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (network < 0 || network > RandomStream.MaxTrial)
            throw new ArgumentException($"network must be in [0, {RandomStream.MaxTrial}], got {network}", nameof(network));
        if (spec.Depth > RandomStream.MaxLayer)
            throw new ArgumentException($"depth must be <= {RandomStream.MaxLayer}, got {spec.Depth}", nameof(spec));
        if (!Enum.IsDefined(storage))
            throw new ArgumentException($"storage must be Streamed or Stored, got {storage}", nameof(storage));
        if (threads < 1) throw new ArgumentException($"threads must be >= 1, got {threads}", nameof(threads));
        (Spec, Seed, Network, Storage, Threads) = (spec, seed, network, storage, threads);
        _source = new WeightSource(spec, seed, network);
    }

    /// <summary>The network specification.</summary>
    public NetworkSpec Spec { get; }
    /// <summary>The experiment seed.</summary>
    public ulong Seed { get; }
    /// <summary>The network index (the trial slot of the random streams).</summary>
    public long Network { get; }
    /// <summary>Streamed or stored weights.</summary>
    public WeightStorage Storage { get; }
    /// <summary>Most threads one layer product uses.</summary>
    public int Threads { get; }

    /// <summary>
    /// Propagates one input (length N) to h^L (output, length N); observer (optional) sees every layer.
    /// Throws <see cref="ArgumentException"/> for wrong lengths or a NaN input.
    /// </summary>
    public void Propagate(ReadOnlySpan<float> input, Span<float> output, ILayerObserver<float>? observer = null) =>
        PropagateBatch(input, 1, output, observer);

    /// <summary>Double-precision <see cref="Propagate(ReadOnlySpan{float}, Span{float}, ILayerObserver{float}?)"/>.</summary>
    public void Propagate(ReadOnlySpan<double> input, Span<double> output, ILayerObserver<double>? observer = null) =>
        PropagateBatch(input, 1, output, observer);

    /// <summary>
    /// Propagates a batch: inputs and outputs are N x batch row-major (element (i, b) at i * batch + b; the columns are
    /// the inputs). Throws <see cref="ArgumentException"/> for batch &lt; 1, wrong lengths or a NaN input.
    /// </summary>
    public void PropagateBatch(ReadOnlySpan<float> inputs, int batch, Span<float> outputs, ILayerObserver<float>? observer = null) =>
        Run(inputs, batch, outputs, observer);

    /// <summary>Double-precision <see cref="PropagateBatch(ReadOnlySpan{float}, int, Span{float}, ILayerObserver{float}?)"/>.</summary>
    public void PropagateBatch(ReadOnlySpan<double> inputs, int batch, Span<double> outputs, ILayerObserver<double>? observer = null) =>
        Run(inputs, batch, outputs, observer);

    private void Run<T>(ReadOnlySpan<T> inputs, int batch, Span<T> outputs, ILayerObserver<T>? observer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Spec.Width;
        if (batch < 1) throw new ArgumentException($"batch must be >= 1, got {batch}", nameof(batch));
        long expected = (long)n * batch;
        if (inputs.Length != expected)
            throw new ArgumentException($"inputs must have length N x batch = {expected}, got {inputs.Length}", nameof(inputs));
        if (outputs.Length != expected)
            throw new ArgumentException($"outputs must have length N x batch = {expected}, got {outputs.Length}", nameof(outputs));
        for (int i = 0; i < inputs.Length; i++)
            if (T.IsNaN(inputs[i])) throw new ArgumentException($"inputs[{i}] is NaN", nameof(inputs));

        T[] h = inputs.ToArray(), a = new T[h.Length], biases = new T[n];
        observer?.OnLayer(0, h, batch);
        for (int layer = 1; layer <= Spec.Depth; layer++)
        {
            ApplyActivation(Spec.Activation, h, a);
            T[]? weights = null;
            if (Storage == WeightStorage.Stored) (weights, biases) = StoredLayer<T>(layer);
            else _source.FillBiases<T>(layer, biases);
            DenseLayer.Apply(_source, layer, weights, biases, a, batch, h, Threads);
            observer?.OnLayer(layer, h, batch);
        }
        h.CopyTo(outputs);
    }

    private static void ApplyActivation<T>(Activations.Activation phi, T[] h, T[] a)
    {
        if (typeof(T) == typeof(float)) phi.ApplyCore((float[])(object)h, (float[])(object)a);
        else phi.ApplyCore((double[])(object)h, (double[])(object)a);
    }

    private (T[] Weights, T[] Biases) StoredLayer<T>(int layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (_gate)
        {
            if (typeof(T) == typeof(float))
            {
                if (_storedSingle is null) _storedSingle = Generate(out _biasesSingle);
                return ((T[])(object)_storedSingle[layer - 1], (T[])(object)_biasesSingle![layer - 1]);
            }
            if (_storedDouble is null) _storedDouble = Generate(out _biasesDouble);
            return ((T[])(object)_storedDouble[layer - 1], (T[])(object)_biasesDouble![layer - 1]);
        }
    }

    private TW[][] Generate<TW>(out TW[][] biases) where TW : unmanaged, IFloatingPointIeee754<TW>
    {
        int n = Spec.Width;
        var weights = new TW[Spec.Depth][];
        biases = new TW[Spec.Depth][];
        for (int l = 0; l < Spec.Depth; l++)
        {
            weights[l] = new TW[(long)n * n];
            biases[l] = new TW[n];
            int rowBlock = DenseLayer.RowBlock(n);
            for (int r0 = 0; r0 < n; r0 += rowBlock)
            {
                int rows = Math.Min(rowBlock, n - r0);
                _source.FillRows<TW>(l + 1, r0, rows, weights[l].AsSpan(r0 * n, rows * n));
            }
            _source.FillBiases<TW>(l + 1, biases[l]);
        }
        return weights;
    }
}

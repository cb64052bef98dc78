namespace Dip.Engine.Propagation;

/// <summary>Receives each layer's pre-activations during a forward pass (for per-layer observables).</summary>
/// <typeparam name="T">float or double, as the propagation.</typeparam>
public interface ILayerObserver<T>
{
    /// <summary>
    /// Called for layer 0 (the input) and then each layer l = 1..L in order, with h^l as N x batch row-major
    /// (element (i, b) at i * batch + b). The span is only valid during the call.
    /// </summary>
    void OnLayer(int layer, ReadOnlySpan<T> preactivations, int batch);
}

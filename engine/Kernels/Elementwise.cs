using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dip.Engine.Kernels;

/// <summary>A pointwise operator with a scalar path (used for the tail and without AVX-512) and a 512-bit path.</summary>
internal interface IUnaryOperator<T> where T : unmanaged
{
    T Invoke(T x);
    Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>
/// The one driver behind every pointwise kernel: whole vectors of x are transformed into y, then the remainder element
/// by element. x and y have equal lengths and may be the same span (each element is read before it is written).
/// </summary>
internal static class Elementwise
{
    internal static void Apply<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged where TOp : struct, IUnaryOperator<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            ref T source = ref MemoryMarshal.GetReference(x);
            ref T target = ref MemoryMarshal.GetReference(y);
            int width = Vector512<T>.Count;
            for (; i <= x.Length - width; i += width)
                op.Invoke(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < x.Length; i++) y[i] = op.Invoke(x[i]);
    }

    /// <summary>a * b + c fused, for float and double lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    /// <summary>a * b + c fused, scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Fma<T>(T a, T b, T c) where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(a, b, c);
}

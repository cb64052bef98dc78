using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dip.Engine.Kernels.Propagation;

/// <summary>
/// Dense row-block kernels. Every output element is summed over k in one fixed order by one thread, so the results do
/// not depend on how row blocks are distributed. Batched products use a register-blocked micro-kernel:
/// <see cref="Mr"/> rows of W times a packed panel of two vectors of columns of X (16 accumulators), k blocked by <see cref="Kc"/>.
/// </summary>
internal static unsafe class DenseKernels
{
    internal const int Mr = 8;
    internal const int Kc = 256;

    /// <summary>Columns per packed panel: two vectors (32 float, 16 double).</summary>
    internal static int PanelWidth<T>() where T : unmanaged => 2 * Vector512<T>.Count;

    /// <summary>y[r] = sum_j w[r k + j] x[j] + b[r] for r &lt; rows; w is rows x k row-major, x length k.</summary>
    internal static void MatVecRows<T>(ReadOnlySpan<T> w, int rows, int k, ReadOnlySpan<T> x, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector512<T>.Count;
        ref T xs = ref MemoryMarshal.GetReference(x);
        for (int r = 0; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), r * k);
            Vector512<T> s0 = Vector512<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            int j = 0;
            for (; j <= k - 4 * width; j += 4 * width)
            {
                s0 = Elementwise.Fma(Vector512.LoadUnsafe(ref row, (nuint)j), Vector512.LoadUnsafe(ref xs, (nuint)j), s0);
                s1 = Elementwise.Fma(Vector512.LoadUnsafe(ref row, (nuint)(j + width)), Vector512.LoadUnsafe(ref xs, (nuint)(j + width)), s1);
                s2 = Elementwise.Fma(Vector512.LoadUnsafe(ref row, (nuint)(j + 2 * width)), Vector512.LoadUnsafe(ref xs, (nuint)(j + 2 * width)), s2);
                s3 = Elementwise.Fma(Vector512.LoadUnsafe(ref row, (nuint)(j + 3 * width)), Vector512.LoadUnsafe(ref xs, (nuint)(j + 3 * width)), s3);
            }
            for (; j <= k - width; j += width)
                s0 = Elementwise.Fma(Vector512.LoadUnsafe(ref row, (nuint)j), Vector512.LoadUnsafe(ref xs, (nuint)j), s0);
            T sum = Vector512.Sum((s0 + s1) + (s2 + s3));
            for (; j < k; j++) sum = Elementwise.Fma(Unsafe.Add(ref row, j), Unsafe.Add(ref xs, j), sum);
            y[r] = sum + b[r];
        }
    }

    /// <summary>
    /// Packs x (k x batch, row-major) into ceil(batch / P) panels of k x P (P = <see cref="PanelWidth{T}"/>), columns
    /// beyond batch zero-filled. packed has length panels * k * P.
    /// </summary>
    internal static void Pack<T>(ReadOnlySpan<T> x, int k, int batch, Span<T> packed) where T : unmanaged
    {
        int p = PanelWidth<T>(), panels = (batch + p - 1) / p;
        packed[..(panels * k * p)].Clear();
        for (int panel = 0; panel < panels; panel++)
        {
            int c0 = panel * p, columns = Math.Min(p, batch - c0);
            Span<T> target = packed.Slice(panel * k * p, k * p);
            for (int j = 0; j < k; j++) x.Slice(j * batch + c0, columns).CopyTo(target.Slice(j * p));
        }
    }

    /// <summary>
    /// y = w xPacked + b for one row block: w rows x k row-major, xPacked from <see cref="Pack{T}"/>, y rows x batch
    /// row-major, b length rows. scratch holds at least roundup(rows, Mr) x panels * P elements.
    /// </summary>
    internal static void GemmRows<T>(ReadOnlySpan<T> w, int rows, int k, ReadOnlySpan<T> xPacked, int batch,
        ReadOnlySpan<T> b, Span<T> y, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = PanelWidth<T>(), panels = (batch + p - 1) / p, accStride = panels * p;
        fixed (T* wp = w)
        fixed (T* xp = xPacked)
        fixed (T* acc = scratch)
        {
            for (int k0 = 0; k0 < k; k0 += Kc)
            {
                int kc = Math.Min(Kc, k - k0);
                for (int panel = 0; panel < panels; panel++)
                {
                    T* panelStart = xp + (nint)panel * k * p + (nint)k0 * p;
                    for (int r0 = 0; r0 < rows; r0 += Mr)
                        Micro(wp + (nint)r0 * k + k0, k, Math.Min(Mr, rows - r0), kc, panelStart,
                            acc + (nint)r0 * accStride + panel * p, accStride, k0 == 0);
                }
            }
            for (int r = 0; r < rows; r++)
            {
                T bias = b[r];
                for (int c = 0; c < batch; c++) y[r * batch + c] = acc[(nint)r * accStride + c] + bias;
            }
        }
    }

    // acc[r][0..P) (+)= sum_{kk < kc} w[r][kk] panel[kk][0..P) for r < Mr; rows at or past validRows repeat the last valid row
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Micro<T>(T* w, int stride, int validRows, int kc, T* panel, T* acc, int accStride, bool first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector512<T>.Count, p = 2 * width;
        T* w0 = w, w1 = w + (nint)Math.Min(1, validRows - 1) * stride, w2 = w + (nint)Math.Min(2, validRows - 1) * stride,
            w3 = w + (nint)Math.Min(3, validRows - 1) * stride, w4 = w + (nint)Math.Min(4, validRows - 1) * stride,
            w5 = w + (nint)Math.Min(5, validRows - 1) * stride, w6 = w + (nint)Math.Min(6, validRows - 1) * stride,
            w7 = w + (nint)Math.Min(7, validRows - 1) * stride;
        Vector512<T> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (first)
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<T>.Zero;
        }
        else
        {
            c00 = Vector512.Load(acc); c01 = Vector512.Load(acc + width);
            c10 = Vector512.Load(acc + accStride); c11 = Vector512.Load(acc + accStride + width);
            c20 = Vector512.Load(acc + 2 * accStride); c21 = Vector512.Load(acc + 2 * accStride + width);
            c30 = Vector512.Load(acc + 3 * accStride); c31 = Vector512.Load(acc + 3 * accStride + width);
            c40 = Vector512.Load(acc + 4 * accStride); c41 = Vector512.Load(acc + 4 * accStride + width);
            c50 = Vector512.Load(acc + 5 * accStride); c51 = Vector512.Load(acc + 5 * accStride + width);
            c60 = Vector512.Load(acc + 6 * accStride); c61 = Vector512.Load(acc + 6 * accStride + width);
            c70 = Vector512.Load(acc + 7 * accStride); c71 = Vector512.Load(acc + 7 * accStride + width);
        }
        for (int kk = 0; kk < kc; kk++)
        {
            Vector512<T> x0 = Vector512.Load(panel), x1 = Vector512.Load(panel + width);
            panel += p;
            Vector512<T> s = Vector512.Create(w0[kk]); c00 = Elementwise.Fma(s, x0, c00); c01 = Elementwise.Fma(s, x1, c01);
            s = Vector512.Create(w1[kk]); c10 = Elementwise.Fma(s, x0, c10); c11 = Elementwise.Fma(s, x1, c11);
            s = Vector512.Create(w2[kk]); c20 = Elementwise.Fma(s, x0, c20); c21 = Elementwise.Fma(s, x1, c21);
            s = Vector512.Create(w3[kk]); c30 = Elementwise.Fma(s, x0, c30); c31 = Elementwise.Fma(s, x1, c31);
            s = Vector512.Create(w4[kk]); c40 = Elementwise.Fma(s, x0, c40); c41 = Elementwise.Fma(s, x1, c41);
            s = Vector512.Create(w5[kk]); c50 = Elementwise.Fma(s, x0, c50); c51 = Elementwise.Fma(s, x1, c51);
            s = Vector512.Create(w6[kk]); c60 = Elementwise.Fma(s, x0, c60); c61 = Elementwise.Fma(s, x1, c61);
            s = Vector512.Create(w7[kk]); c70 = Elementwise.Fma(s, x0, c70); c71 = Elementwise.Fma(s, x1, c71);
        }
        c00.Store(acc); c01.Store(acc + width);
        c10.Store(acc + accStride); c11.Store(acc + accStride + width);
        c20.Store(acc + 2 * accStride); c21.Store(acc + 2 * accStride + width);
        c30.Store(acc + 3 * accStride); c31.Store(acc + 3 * accStride + width);
        c40.Store(acc + 4 * accStride); c41.Store(acc + 4 * accStride + width);
        c50.Store(acc + 5 * accStride); c51.Store(acc + 5 * accStride + width);
        c60.Store(acc + 6 * accStride); c61.Store(acc + 6 * accStride + width);
        c70.Store(acc + 7 * accStride); c71.Store(acc + 7 * accStride + width);
    }
}

using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dip.Engine.Kernels.Propagation;

/// <summary>
/// One layer h = W a + b over N x B activations (row-major, B = batch), split into fixed row blocks of
/// <see cref="RowBlock"/> rows that run on up to <c>threads</c> threads. Weights are either stored (N x N row-major) or
/// streamed: generated from the <see cref="WeightSource"/> into a per-block buffer (a 32 KiB slice at a time for a
/// mat-vec) and never kept.
/// The row partition depends only on N, so results are bit-identical for any thread count.
/// </summary>
internal static class DenseLayer
{
    /// <summary>Rows per block: at most 64, and at most about 2^18 weights (1 MiB of float) per block, a multiple of 8.</summary>
    internal static int RowBlock(int n) => Math.Clamp((1 << 18) / n / DenseKernels.Mr * DenseKernels.Mr, DenseKernels.Mr, 64);

    /// <summary>h (N x batch) = W^layer a (N x batch) + b; stored is N x N or null to stream from source.</summary>
    internal static void Apply<T>(WeightSource source, int layer, T[]? stored, T[] biases, T[] a, int batch, T[] h, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = source.Width, rowBlock = RowBlock(n), blocks = (n + rowBlock - 1) / rowBlock;
        int p = DenseKernels.PanelWidth<T>(), panels = (batch + p - 1) / p;
        T[]? packed = null;
        if (batch > 1)
        {
            packed = ArrayPool<T>.Shared.Rent(panels * n * p);
            DenseKernels.Pack<T>(a.AsSpan(0, n * batch), n, batch, packed);
        }
        void Block(int index)
        {
            int r0 = index * rowBlock, rows = Math.Min(rowBlock, n - r0);
            if (stored is null && packed is null)
            {
                StreamedMatVec(source, layer, r0, rows, biases, a, h);
                return;
            }
            T[]? buffer = null;
            ReadOnlySpan<T> w;
            if (stored is not null) w = stored.AsSpan(r0 * n, rows * n);
            else
            {
                buffer = ArrayPool<T>.Shared.Rent(rows * n);
                source.FillRows<T>(layer, r0, rows, buffer);
                w = buffer.AsSpan(0, rows * n);
            }
            if (packed is null)
                DenseKernels.MatVecRows(w, rows, n, a.AsSpan(0, n), biases.AsSpan(r0, rows), h.AsSpan(r0, rows));
            else
            {
                int accRows = (rows + DenseKernels.Mr - 1) / DenseKernels.Mr * DenseKernels.Mr;
                T[] scratch = ArrayPool<T>.Shared.Rent(accRows * panels * p);
                DenseKernels.GemmRows<T>(w, rows, n, packed, batch, biases.AsSpan(r0, rows), h.AsSpan(r0 * batch, rows * batch), scratch);
                ArrayPool<T>.Shared.Return(scratch);
            }
            if (buffer is not null) ArrayPool<T>.Shared.Return(buffer);
        }
        if (threads <= 1 || blocks == 1)
            for (int i = 0; i < blocks; i++) Block(i);
        else
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, Block);
        if (packed is not null) ArrayPool<T>.Shared.Return(packed);
    }

    /// <summary>Weights generated for a streamed mat-vec at a time: 32 KiB, so that they are still in L1 when the product reads them.</summary>
    private const int StreamedSliceBytes = 32 * 1024;

    // rows r0 .. r0 + rows - 1 of a streamed mat-vec, a few rows at a time; each row's sum is the same as from one fill of
    // the whole block (MatVecRows treats rows independently), so streamed and stored stay bit-identical
    private static void StreamedMatVec<T>(WeightSource source, int layer, int r0, int rows, T[] biases, T[] a, T[] h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = source.Width;
        int slice = Math.Clamp(StreamedSliceBytes / Unsafe.SizeOf<T>() / n, 1, rows);
        T[] buffer = ArrayPool<T>.Shared.Rent(slice * n);
        for (int first = r0; first < r0 + rows; first += slice)
        {
            int count = Math.Min(slice, r0 + rows - first);
            source.FillRows<T>(layer, first, count, buffer);
            DenseKernels.MatVecRows(buffer.AsSpan(0, count * n), count, n, a.AsSpan(0, n), biases.AsSpan(first, count), h.AsSpan(first, count));
        }
        ArrayPool<T>.Shared.Return(buffer);
    }
}

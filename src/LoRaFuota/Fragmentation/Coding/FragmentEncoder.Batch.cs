using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LoRaFuota.Fragmentation.Coding;

/// <content>The batch path: many coded fragments at once, with grouped XOR tables when they pay off.</content>
public sealed partial class FragmentEncoder
{
    /// <summary>The number of coded fragments computed together in one pass.</summary>
    public const int BatchRows = 512;

    private const int TableEntries8 = 1 << 8;
    private const int TableEntries4 = 1 << 4;
    private const int MinRowsPerWorker = 32;   // below this a second thread costs more than it saves
    private const int MaxWorkers = 64;

    private readonly byte[][] _tables;   // per worker: 2^g combinations of one 32-byte chunk of a group's rows
    private readonly byte[] _work;       // chunk-major: chunk c of batch row r at (c·BatchRows + r)·32, so one chunk column is contiguous
    private readonly byte[] _lineBytes;  // row-major parity lines of the batch: row r, byte g = columns 8g … 8g+7
    private readonly byte[] _patterns;   // the same, transposed: byte g of every row together

    /// <summary>Writes the payloads of coded fragments <paramref name="firstN"/> … <paramref name="firstN"/>+<paramref name="count"/>−1, back to back.</summary>
    /// <param name="firstN">The first coded fragment number, at least M + 1.</param>
    /// <param name="count">How many; firstN + count − 1 may not exceed 16 383.</param>
    /// <param name="destination">At least count·F bytes; fragment firstN + i lands at offset i·F.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves M + 1 … 16 383.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void WriteCodedPayloads(int firstN, int count, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        ParityMatrix.ValidateLine(firstN, NbFrag, Variant);
        ParityMatrix.ValidateLine(firstN + count - 1, NbFrag, Variant);
        ValidateDestination(destination.Length, count * FragSize);
        for (int done = 0; done < count; done += BatchRows)
        {
            int rows = Math.Min(BatchRows, count - done);
            EncodeBatch(firstN + done, rows, destination[(done * FragSize)..]);
        }
    }

    private void EncodeBatch(int firstN, int rows, Span<byte> destination)
    {
        int groups = GroupCount;
        int workers = rows >= MinRowsPerWorker * 2 ? MaxDegreeOfParallelism : 1;
        if (workers == 1)
        {
            FillLines(firstN, 0, rows, groups);
        }
        else
        {
            FillLinesInParallel(firstN, rows, groups, workers);
        }

        // Estimated chunk XORs: rows one by one, or tables of 16 or 256 combinations per group.
        long direct = (long)rows * (NbFrag / 2);
        long nibbles = (long)groups * 2 * (TableEntries4 + rows);
        long bytes = (long)groups * (TableEntries8 + rows);
        if (direct <= nibbles && direct <= bytes)
        {
            EncodeDirect(rows, groups, destination);
            return;
        }

        int width = nibbles < bytes ? 4 : 8;
        int chunks = _stride / ChunkBytes;
        Transpose(0, rows, rows, groups);
        workers = Math.Min(workers, chunks);
        if (workers == 1)
        {
            EncodeGrouped(rows, groups, width, 0, chunks, _tables[0]);
        }
        else
        {
            EncodeGroupedInParallel(rows, groups, width, chunks, workers);
        }

        Gather(rows, destination);
    }

    // The lambdas live in their own methods so the single-threaded path allocates no closure.
    private void FillLinesInParallel(int firstN, int rows, int groups, int workers) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            (int from, int to) = Share(rows, workers, worker);
            FillLines(firstN, from, to, groups);
        });

    // Workers own disjoint 32-byte column ranges of every row, so no table is built twice.
    private void EncodeGroupedInParallel(int rows, int groups, int width, int chunks, int workers) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            (int from, int to) = Share(chunks, workers, worker);
            EncodeGrouped(rows, groups, width, from, to, _tables[worker]);
        });

    private static (int From, int To) Share(int count, int workers, int worker) =>
        (count * worker / workers, count * (worker + 1) / workers);

    private void FillLines(int firstN, int from, int to, int groups)
    {
        int lineLength = ParityMatrix.GetLineLength(NbFrag);
        for (int r = from; r < to; r++)
        {
            Span<byte> line = _lineBytes.AsSpan(r * groups, groups);
            _lines.Fill(firstN + r, line);
            line[lineLength..].Clear();
        }
    }

    private int GroupCount => _rows.Length / _stride / GroupRows;

    private void EncodeDirect(int rows, int groups, Span<byte> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<byte> target = destination.Slice(r * FragSize, FragSize);
            target.Clear();
            ReadOnlySpan<byte> line = _lineBytes.AsSpan(r * groups, groups);
            for (int g = 0; g < groups; g++)
            {
                int bits = line[g];
                while (bits != 0)
                {
                    int j = (g << 3) + BitOperations.TrailingZeroCount(bits);
                    XorKernel.Xor(target, _rows.AsSpan(j * _stride, FragSize));
                    bits &= bits - 1;
                }
            }
        }
    }

    private void Transpose(int from, int to, int rows, int groups)
    {
        for (int r = from; r < to; r++)
        {
            int source = r * groups;
            for (int g = 0; g < groups; g++)
            {
                _patterns[(g * rows) + r] = _lineBytes[source + g];
            }
        }
    }

    // For each 32-byte column chunk and each group of `width` rows: tabulate every XOR combination of the group's
    // chunks (8 KiB at most), then add the combination each coded row selects to that row's chunk. The chunk column of
    // the work area is contiguous (at most 16 KiB), so table and targets stay in L1.
    private void EncodeGrouped(int rows, int groups, int width, int firstChunk, int endChunk, byte[] tableBuffer)
    {
        ref byte table = ref MemoryMarshal.GetArrayDataReference(tableBuffer);
        ref byte data = ref MemoryMarshal.GetArrayDataReference(_rows);
        int mask = (1 << width) - 1;
        int subgroups = GroupRows / width;
        _work.AsSpan(firstChunk * BatchRows * ChunkBytes, (endChunk - firstChunk) * BatchRows * ChunkBytes).Clear();
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            ref byte column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_work), chunk * BatchRows * ChunkBytes);
            for (int g = 0; g < groups; g++)
            {
                ref byte patterns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_patterns), g * rows);
                for (int s = 0; s < subgroups; s++)
                {
                    // Table by doubling: entries [2^b, 2^(b+1)) are entries [0, 2^b) plus row b of the group.
                    ref byte group = ref Unsafe.Add(ref data, (((g * GroupRows) + (s * width)) * _stride) + (chunk * ChunkBytes));
                    for (int b = 0; b < width; b++)
                    {
                        int half = 1 << b;
                        ref byte row = ref Unsafe.Add(ref group, b * _stride);
                        for (int i = 0; i < half; i++)
                        {
                            XorChunk(ref Unsafe.Add(ref table, (half + i) * ChunkBytes), ref Unsafe.Add(ref table, i * ChunkBytes), ref row);
                        }
                    }

                    // Entry 0 stays zero, so rows whose pattern is 0 need no branch.
                    int shift = s * width;
                    ref byte target = ref column;
                    for (int r = 0; r < rows; r++)
                    {
                        int pattern = (Unsafe.Add(ref patterns, r) >> shift) & mask;
                        XorChunk(ref target, ref target, ref Unsafe.Add(ref table, pattern * ChunkBytes));
                        target = ref Unsafe.Add(ref target, ChunkBytes);
                    }
                }
            }
        }
    }

    private void Gather(int rows, Span<byte> destination)
    {
        int chunks = _stride / ChunkBytes;
        for (int r = 0; r < rows; r++)
        {
            Span<byte> target = destination.Slice(r * FragSize, FragSize);
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                int offset = chunk * ChunkBytes;
                int length = Math.Min(ChunkBytes, FragSize - offset);
                _work.AsSpan(((chunk * BatchRows) + r) * ChunkBytes, length).CopyTo(target[offset..]);
            }
        }
    }

    // destination = a ^ b over one 32-byte chunk.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void XorChunk(ref byte destination, ref byte a, ref byte b)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref a) ^ Vector256.LoadUnsafe(ref b), ref destination);
        }
        else
        {
            Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref a) ^ Vector128.LoadUnsafe(ref b), ref destination);
            Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref a, 16) ^ Vector128.LoadUnsafe(ref b, 16), ref destination, 16);
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LoRaFuota.Fragmentation.Coding;

/// <summary>
/// Computes many XOR combinations of the same rows at once: output i is the XOR of the rows whose bits are set in
/// line i. Chooses per call the cheapest of adding rows one by one or tabulating every combination of groups of 4 or
/// 8 rows (the "four Russians" method), 32 bytes at a time so table and targets stay in L1.
/// </summary>
/// <remarks>
/// Shared by the encoder (coded fragments from the block) and the decoder (the known part of a batch of coded
/// fragments). Rows are read in 32-byte chunks and may be read up to 31 bytes past their end, and the row count is
/// rounded up to a multiple of 8: callers pad their row storage with <see cref="GetPaddedLength"/>.
/// </remarks>
internal sealed class GroupedXor
{
    public const int ChunkBytes = 32;   // one Vector256
    public const int GroupRows = 8;     // rows per line byte

    private const int TableEntries8 = 1 << 8;
    private const int TableEntries4 = 1 << 4;

    private readonly int _groups;        // line bytes: ⌈rows/8⌉
    private readonly int _capacity;      // lines per call
    private readonly int _fragSize;      // output bytes per line
    private readonly int _chunks;        // ⌈fragSize/32⌉
    private readonly byte[] _lineBytes;  // row-major lines: line i, byte g = rows 8g … 8g+7
    private readonly byte[] _patterns;   // the same, transposed: byte g of every line together
    private readonly byte[] _work;       // chunk-major: chunk c of line i at (c·capacity + i)·32
    private readonly byte[][] _tables;   // per worker: 2^g combinations of one chunk of a group's rows

    public GroupedXor(int rows, int fragSize, int capacity, int workers)
    {
        _groups = (rows + GroupRows - 1) / GroupRows;
        _capacity = capacity;
        _fragSize = fragSize;
        _chunks = (fragSize + ChunkBytes - 1) / ChunkBytes;
        _lineBytes = new byte[capacity * _groups];
        _patterns = new byte[capacity * _groups];
        _work = new byte[capacity * _chunks * ChunkBytes];
        _tables = new byte[workers][];
        for (int worker = 0; worker < workers; worker++)
        {
            _tables[worker] = new byte[TableEntries8 * ChunkBytes];
        }
    }

    /// <summary>Gets the number of lines one call takes.</summary>
    public int Capacity => _capacity;

    /// <summary>Gets the row storage a caller needs for <paramref name="rows"/> rows of <paramref name="stride"/> bytes: rows rounded up to 8, plus a chunk of over-read.</summary>
    public static int GetPaddedLength(int rows, int stride) => ((rows + GroupRows - 1) / GroupRows * GroupRows * stride) + ChunkBytes;

    /// <summary>Gets line <paramref name="index"/> to fill: ⌈rows/8⌉ bytes, bit (j mod 8) of byte j/8 selects row j.</summary>
    public Span<byte> Line(int index) => _lineBytes.AsSpan(index * _groups, _groups);

    /// <summary>Writes output i (F bytes at i·F of <paramref name="destination"/>) = XOR of the selected rows, for i &lt; count.</summary>
    public void Run(byte[] rows, int stride, int count, Span<byte> destination, int workers)
    {
        long direct = 0;
        for (int i = 0; i < count; i++)
        {
            direct += Weight(Line(i));
        }

        long nibbles = (long)_groups * 2 * (TableEntries4 + count);
        long bytes = (long)_groups * (TableEntries8 + count);
        if (direct <= nibbles && direct <= bytes)
        {
            Direct(rows, stride, count, destination);
            return;
        }

        int width = nibbles < bytes ? 4 : 8;
        Transpose(count);
        workers = Math.Min(workers, _chunks);
        if (workers <= 1)
        {
            Grouped(rows, stride, count, width, 0, _chunks, _tables[0]);
        }
        else
        {
            GroupedInParallel(rows, stride, count, width, workers);
        }

        Gather(count, destination);
    }

    private static int Weight(ReadOnlySpan<byte> line)
    {
        int weight = 0;
        foreach (byte cell in line)
        {
            weight += BitOperations.PopCount(cell);
        }

        return weight;
    }

    private void Direct(byte[] rows, int stride, int count, Span<byte> destination)
    {
        for (int i = 0; i < count; i++)
        {
            Span<byte> target = destination.Slice(i * _fragSize, _fragSize);
            target.Clear();
            ReadOnlySpan<byte> line = Line(i);
            for (int g = 0; g < line.Length; g++)
            {
                int bits = line[g];
                while (bits != 0)
                {
                    int j = (g << 3) + BitOperations.TrailingZeroCount(bits);
                    XorKernel.Xor(target, rows.AsSpan(j * stride, _fragSize));
                    bits &= bits - 1;
                }
            }
        }
    }

    // Tiled, so that both the rows read and the rows written stay in a few cache lines per tile.
    private void Transpose(int count)
    {
        const int Tile = 32;
        for (int i0 = 0; i0 < count; i0 += Tile)
        {
            int iEnd = Math.Min(i0 + Tile, count);
            for (int g0 = 0; g0 < _groups; g0 += Tile)
            {
                int gEnd = Math.Min(g0 + Tile, _groups);
                for (int i = i0; i < iEnd; i++)
                {
                    int source = i * _groups;
                    for (int g = g0; g < gEnd; g++)
                    {
                        _patterns[(g * count) + i] = _lineBytes[source + g];
                    }
                }
            }
        }
    }

    // Workers own disjoint 32-byte column ranges of every output, so no table is built twice. The lambda lives here so
    // the single-threaded path allocates no closure.
    private void GroupedInParallel(byte[] rows, int stride, int count, int width, int workers) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            int from = _chunks * worker / workers;
            int to = _chunks * (worker + 1) / workers;
            Grouped(rows, stride, count, width, from, to, _tables[worker]);
        });

    // For each 32-byte chunk and each group of `width` rows: tabulate every XOR combination of the group's chunks
    // (8 KiB at most), then add the combination each line selects. One chunk column of the work area is contiguous
    // (at most 16 KiB), so table and targets stay in L1.
    private void Grouped(byte[] rowBuffer, int stride, int count, int width, int firstChunk, int endChunk, byte[] tableBuffer)
    {
        ref byte table = ref MemoryMarshal.GetArrayDataReference(tableBuffer);
        ref byte data = ref MemoryMarshal.GetArrayDataReference(rowBuffer);
        int mask = (1 << width) - 1;
        int subgroups = GroupRows / width;
        _work.AsSpan(firstChunk * _capacity * ChunkBytes, (endChunk - firstChunk) * _capacity * ChunkBytes).Clear();
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            ref byte column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_work), chunk * _capacity * ChunkBytes);
            for (int g = 0; g < _groups; g++)
            {
                ref byte patterns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_patterns), g * count);
                for (int s = 0; s < subgroups; s++)
                {
                    // Table by doubling: entries [2^b, 2^(b+1)) are entries [0, 2^b) plus row b of the group.
                    ref byte group = ref Unsafe.Add(ref data, (((g * GroupRows) + (s * width)) * stride) + (chunk * ChunkBytes));
                    for (int b = 0; b < width; b++)
                    {
                        int half = 1 << b;
                        ref byte row = ref Unsafe.Add(ref group, b * stride);
                        for (int i = 0; i < half; i++)
                        {
                            XorChunk(ref Unsafe.Add(ref table, (half + i) * ChunkBytes), ref Unsafe.Add(ref table, i * ChunkBytes), ref row);
                        }
                    }

                    // Entry 0 stays zero, so lines whose pattern is 0 need no branch.
                    int shift = s * width;
                    ref byte target = ref column;
                    for (int i = 0; i < count; i++)
                    {
                        int pattern = (Unsafe.Add(ref patterns, i) >> shift) & mask;
                        XorChunk(ref target, ref target, ref Unsafe.Add(ref table, pattern * ChunkBytes));
                        target = ref Unsafe.Add(ref target, ChunkBytes);
                    }
                }
            }
        }
    }

    private void Gather(int count, Span<byte> destination)
    {
        for (int i = 0; i < count; i++)
        {
            Span<byte> target = destination.Slice(i * _fragSize, _fragSize);
            for (int chunk = 0; chunk < _chunks; chunk++)
            {
                int offset = chunk * ChunkBytes;
                int length = Math.Min(ChunkBytes, _fragSize - offset);
                _work.AsSpan(((chunk * _capacity) + i) * ChunkBytes, length).CopyTo(target[offset..]);
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

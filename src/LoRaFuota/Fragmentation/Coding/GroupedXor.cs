using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LoRaFuota.Fragmentation.Coding;

/// <summary>
/// Computes many XOR combinations of the same rows at once: output i is the XOR of the rows whose bits are set in
/// line i. Chooses per call the cheaper of adding rows one by one or the "four Russians" method: for each 32-byte
/// column chunk and each pass over 32 rows, tabulate every XOR combination of each 4-row group (8 tables of 16
/// entries), then give each output the XOR of the 8 entries its line selects, accumulated in a register.
/// </summary>
/// <remarks>
/// <para>
/// Shared by the encoder (coded fragments from the block) and the decoder (the known part of a batch of coded
/// fragments). Rows are read in 32-byte chunks and may be read up to 31 bytes past their end, and the row count is
/// rounded up to a multiple of 32: callers pad their row storage with <see cref="GetPaddedLength"/>.
/// </para>
/// <para>
/// Why 8 tables of 4 rows rather than one table of 8: stores, not XORs, bound this loop. One 8-row table costs 255
/// stores and then one store per output per 8 rows; 8 nibble tables cost 120 stores and one store per output per
/// 32 rows, with the 8 lookups XORed in a register. Tables (4 KiB) and a chunk column of outputs (16 KiB) stay in L1.
/// </para>
/// </remarks>
internal sealed class GroupedXor
{
    public const int ChunkBytes = 32;   // one Vector256

    private const int PassRows = 32;                 // rows per pass: one 32-bit word of a line
    private const int TableRows = 4;                 // rows per table: one nibble of a line
    private const int Tables = PassRows / TableRows; // 8
    private const int TableEntries = 1 << TableRows; // 16
    private const int EntryStride = 2 * ChunkBytes;  // tables interleaved in pairs
    private const int PairBytes = TableEntries * EntryStride;
    private const int PassCost = Tables * (TableEntries - 1); // stores to build one pass's tables
    private const int OutputCost = 3;                // an output's 8 lookups, in stores: the loop is bound by their address arithmetic

    private readonly int _passes;        // ⌈rows/32⌉
    private readonly int _lineBytes;     // ⌈rows/8⌉: what a caller fills
    private readonly int _lineStride;    // ⌈rows/64⌉·8: whole 64-bit words, padding zero
    private readonly int _capacity;      // lines per call
    private readonly int _fragSize;      // output bytes per line
    private readonly int _chunks;        // ⌈fragSize/32⌉
    private readonly byte[] _lines;      // row-major lines: line i at i·lineStride, byte g = rows 8g … 8g+7
    private readonly byte[] _offsets;    // pass-major: for line i and pass p, 8 bytes at (p·capacity + i)·8, byte t = 8·(nibble t of word p)
    private readonly byte[] _work;       // chunk-major: chunk c of line i at (c·capacity + i)·32
    private readonly byte[][] _tables;   // per worker: one pass's 8 tables for one chunk

    public GroupedXor(int rows, int fragSize, int capacity, int workers)
    {
        _passes = (rows + PassRows - 1) / PassRows;
        _lineBytes = (rows + 7) / 8;
        _lineStride = (rows + 63) / 64 * sizeof(ulong);
        _capacity = capacity;
        _fragSize = fragSize;
        _chunks = (fragSize + ChunkBytes - 1) / ChunkBytes;
        _lines = new byte[capacity * _lineStride];
        _offsets = new byte[capacity * _passes * Tables];
        _work = new byte[capacity * _chunks * ChunkBytes];
        _tables = new byte[workers][];
        for (int worker = 0; worker < workers; worker++)
        {
            _tables[worker] = new byte[Tables / 2 * PairBytes];
        }
    }

    /// <summary>Gets the number of lines one call takes.</summary>
    public int Capacity => _capacity;

    /// <summary>Gets the row storage a caller needs for <paramref name="rows"/> rows of <paramref name="stride"/> bytes: rows rounded up to 32, plus a chunk of over-read.</summary>
    public static int GetPaddedLength(int rows, int stride) => ((rows + PassRows - 1) / PassRows * PassRows * stride) + ChunkBytes;

    /// <summary>Gets line <paramref name="index"/> to fill: ⌈rows/8⌉ bytes, bit (j mod 8) of byte j/8 selects row j.</summary>
    public Span<byte> Line(int index) => _lines.AsSpan(index * _lineStride, _lineBytes);

    /// <summary>Gets line <paramref name="index"/> with its padding to whole 64-bit words (kept zero by callers).</summary>
    public Span<byte> PaddedLine(int index) => _lines.AsSpan(index * _lineStride, _lineStride);

    /// <summary>Writes output i (F bytes at i·F of <paramref name="destination"/>) = XOR of the selected rows, for i &lt; count.</summary>
    public void Run(byte[] rows, int stride, int count, Span<byte> destination, int workers)
    {
        long direct = 0;
        for (int i = 0; i < count; i++)
        {
            direct += Weight(PaddedLine(i));
        }

        if (direct <= (long)_passes * (PassCost + (OutputCost * count)))
        {
            Direct(rows, stride, count, destination);
            return;
        }

        Transpose(count);
        workers = Math.Min(workers, _chunks);
        if (workers <= 1)
        {
            Grouped(rows, stride, count, 0, _chunks, _tables[0]);
        }
        else
        {
            GroupedInParallel(rows, stride, count, workers);
        }

        Gather(count, destination);
    }

    private static int Weight(ReadOnlySpan<byte> paddedLine)
    {
        int weight = 0;
        foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(paddedLine))
        {
            weight += BitOperations.PopCount(word);
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

    // Each line's pattern word for every pass, as the 8 table offsets it selects (nibble · 8, scaled by 8 when used), so
    // the inner loop needs no arithmetic to find an entry; done once per call, used once per chunk.
    private void Transpose(int count)
    {
        ref byte lines = ref MemoryMarshal.GetArrayDataReference(_lines);
        ref ulong offsets = ref Unsafe.As<byte, ulong>(ref MemoryMarshal.GetArrayDataReference(_offsets));
        for (int p = 0; p < _passes; p++)
        {
            ref ulong passOffsets = ref Unsafe.Add(ref offsets, p * _capacity);
            ref byte word = ref Unsafe.Add(ref lines, p * sizeof(uint));
            for (int i = 0; i < count; i++)
            {
                uint pattern = BinaryPrimitives.ReadUInt32LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref word, i * _lineStride), sizeof(uint)));
                Unsafe.Add(ref passOffsets, i) = LoRaBitConverter.ToLittleEndian(Spread(pattern));
            }
        }
    }

    // Nibble t of the word becomes byte t, times 8.
    private static ulong Spread(uint word)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitDeposit(word, 0x0F0F_0F0F_0F0F_0F0F) << 3;
        }

        ulong spread = 0;
        for (int t = 0; t < Tables; t++)
        {
            spread |= (ulong)((word >> (TableRows * t)) & (TableEntries - 1)) << ((8 * t) + 3);
        }

        return spread;
    }

    // Workers own disjoint 32-byte column ranges of every output, so no table is built twice. The lambda lives here so
    // the single-threaded path allocates no closure.
    private void GroupedInParallel(byte[] rows, int stride, int count, int workers) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            int from = _chunks * worker / workers;
            int to = _chunks * (worker + 1) / workers;
            Grouped(rows, stride, count, from, to, _tables[worker]);
        });

    // For each 32-byte chunk and each pass of 32 rows: tabulate the 8 nibble tables, then add to each output the 8
    // entries its pattern word selects. One chunk column of the work area is contiguous (at most 16 KiB).
    private void Grouped(byte[] rowBuffer, int stride, int count, int firstChunk, int endChunk, byte[] tableBuffer)
    {
        ref byte tables = ref MemoryMarshal.GetArrayDataReference(tableBuffer);
        ref byte data = ref MemoryMarshal.GetArrayDataReference(rowBuffer);
        ref byte allOffsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        _work.AsSpan(firstChunk * _capacity * ChunkBytes, (endChunk - firstChunk) * _capacity * ChunkBytes).Clear();
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            ref byte column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_work), chunk * _capacity * ChunkBytes);
            for (int p = 0; p < _passes; p++)
            {
                ref byte pass = ref Unsafe.Add(ref data, (p * PassRows * stride) + (chunk * ChunkBytes));
                for (int t = 0; t < Tables; t++)
                {
                    BuildTable(ref Unsafe.Add(ref tables, TableOffset(t)), ref Unsafe.Add(ref pass, t * TableRows * stride), stride);
                }

                Apply(ref column, ref Unsafe.Add(ref allOffsets, p * _capacity * Tables), ref tables, count);
            }
        }
    }

    // Tables are interleaved in pairs so that entry e of every table is at a fixed displacement plus e·64: tables 2q and
    // 2q+1 share a 1 KiB block, entry e of the pair at e·64, the odd table's half 32 bytes in.
    private static int TableOffset(int table) => ((table >> 1) * PairBytes) + ((table & 1) * ChunkBytes);

    // Entry e of a table is the XOR of the rows whose bits are set in e; entry 0 stays zero.
    private static void BuildTable(ref byte table, ref byte group, int stride)
    {
        ref byte row1 = ref Unsafe.Add(ref group, stride);
        ref byte row2 = ref Unsafe.Add(ref row1, stride);
        ref byte row3 = ref Unsafe.Add(ref row2, stride);
        XorChunk(ref Unsafe.Add(ref table, 1 * EntryStride), ref table, ref group);
        XorChunk(ref Unsafe.Add(ref table, 2 * EntryStride), ref table, ref row1);
        XorChunk(ref Unsafe.Add(ref table, 3 * EntryStride), ref group, ref row1);
        for (int e = 0; e < 4; e++)
        {
            XorChunk(ref Unsafe.Add(ref table, (4 + e) * EntryStride), ref Unsafe.Add(ref table, e * EntryStride), ref row2);
        }

        for (int e = 0; e < 8; e++)
        {
            XorChunk(ref Unsafe.Add(ref table, (8 + e) * EntryStride), ref Unsafe.Add(ref table, e * EntryStride), ref row3);
        }
    }

    // target i ^= the XOR of the 8 entries line i selects; an offset byte o addresses entry o/8 of its table at o·8.
    private static void Apply(ref byte target, ref byte offsets, ref byte tables, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ref byte o = ref Unsafe.Add(ref offsets, (nuint)(uint)i * Tables);
            ref byte t = ref Unsafe.Add(ref target, (nuint)(uint)i * ChunkBytes);
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<byte> a = Vector256.LoadUnsafe(ref t) ^ Vector256.LoadUnsafe(ref tables, (nuint)Unsafe.Add(ref o, 0) * 8);
                Vector256<byte> b = Vector256.LoadUnsafe(ref tables, ChunkBytes + ((nuint)Unsafe.Add(ref o, 1) * 8))
                    ^ Vector256.LoadUnsafe(ref tables, PairBytes + ((nuint)Unsafe.Add(ref o, 2) * 8));
                Vector256<byte> c = Vector256.LoadUnsafe(ref tables, PairBytes + ChunkBytes + ((nuint)Unsafe.Add(ref o, 3) * 8))
                    ^ Vector256.LoadUnsafe(ref tables, (2 * PairBytes) + ((nuint)Unsafe.Add(ref o, 4) * 8));
                Vector256<byte> d = Vector256.LoadUnsafe(ref tables, (2 * PairBytes) + ChunkBytes + ((nuint)Unsafe.Add(ref o, 5) * 8))
                    ^ Vector256.LoadUnsafe(ref tables, (3 * PairBytes) + ((nuint)Unsafe.Add(ref o, 6) * 8))
                    ^ Vector256.LoadUnsafe(ref tables, (3 * PairBytes) + ChunkBytes + ((nuint)Unsafe.Add(ref o, 7) * 8));
                ((a ^ b) ^ (c ^ d)).StoreUnsafe(ref t);
            }
            else
            {
                for (int tb = 0; tb < Tables; tb++)
                {
                    XorChunk(ref t, ref t, ref Unsafe.Add(ref tables, TableOffset(tb) + (Unsafe.Add(ref o, tb) * 8)));
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

using LoRaFuota.Fragmentation;

namespace LoRaFuota.Fragmentation.Coding;

/// <summary>
/// Turns a data block into TS004 DataFragments: uncoded fragment N (1 … M) is slice N of the zero-padded block; coded
/// fragment N (M+1 … 16 383) is the XOR of the uncoded fragments its parity line selects.
/// </summary>
/// <remarks>
/// Any fragment can be produced on demand, in any order, into a caller-provided span, so a campaign can stream
/// fragments and add coded ones later (top-up rounds). After construction nothing allocates. For many coded fragments
/// at once, <see cref="WriteCodedPayloads"/> combines uncoded fragments in groups of 4 (tables of every XOR combination
/// of a group, the "four Russians" method, 8 groups per pass) when that costs less than adding rows one by one.
/// Memory: the padded block (rows rounded up to 32 bytes, their count to a multiple of 32) plus 4 KiB of tables per
/// thread and, for batches, 512 rows of work space and about 3·512·⌈M/8⌉ bytes of parity lines and their table
/// offsets. Not thread-safe: use one encoder per thread.
/// </remarks>
public sealed partial class FragmentEncoder
{
    private const int ChunkBytes = GroupedXor.ChunkBytes;

    private readonly byte[] _rows;            // M (rounded up to 32) rows of _stride bytes and a chunk of over-read; row j holds fragment j+1, zero beyond
    private readonly int _stride;             // F rounded up to 32
    private readonly ParityMatrix.LineGenerator _lines;

    /// <summary>Initializes a new instance of the <see cref="FragmentEncoder"/> class from a data block.</summary>
    /// <param name="block">The data block (firmware image), without padding.</param>
    /// <param name="fragSize">The fragment size F, 1 to 255 bytes.</param>
    /// <param name="variant">The parity generator; <see cref="ParityVariant.V2"/> for TS004 v2 devices, <see cref="ParityVariant.V1"/> for v1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The block is empty or too large for 16 383 fragments, F is out of range, or the variant is undefined.</exception>
    public FragmentEncoder(ReadOnlySpan<byte> block, int fragSize, ParityVariant variant)
        : this(block, fragSize, variant, maxDegreeOfParallelism: 1)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FragmentEncoder"/> class that may use several threads for batches.</summary>
    /// <param name="block">The data block (firmware image), without padding.</param>
    /// <param name="fragSize">The fragment size F, 1 to 255 bytes.</param>
    /// <param name="variant">The parity generator.</param>
    /// <param name="maxDegreeOfParallelism">
    /// Threads <see cref="WriteCodedPayloads"/> may use (1 to 64). Above 1, a large batch splits its parity lines by rows
    /// and its XOR work by 32-byte columns across the thread pool; each such call allocates the parallel loop's few hundred
    /// bytes. With 1 (the default) nothing allocates after construction.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public FragmentEncoder(ReadOnlySpan<byte> block, int fragSize, ParityVariant variant, int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDegreeOfParallelism, MaxWorkers);
        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "Use ParityVariant.V1, V2 or V2Specification.");
        }

        Layout = FragmentLayout.Create(block.Length, fragSize);
        Variant = variant;
        _stride = (fragSize + ChunkBytes - 1) / ChunkBytes * ChunkBytes;
        _rows = new byte[GroupedXor.GetPaddedLength(Layout.NbFrag, _stride)];
        for (int j = 0; j < Layout.NbFrag; j++)
        {
            int start = j * fragSize;
            ReadOnlySpan<byte> slice = block.Slice(start, Math.Min(fragSize, block.Length - start));
            slice.CopyTo(_rows.AsSpan(j * _stride));
        }

        _lines = new ParityMatrix.LineGenerator(Layout.NbFrag, variant);
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        _batch = new GroupedXor(Layout.NbFrag, fragSize, BatchRows, maxDegreeOfParallelism);
    }

    /// <summary>Gets how the block is cut.</summary>
    public FragmentLayout Layout { get; }

    /// <summary>Gets the parity generator.</summary>
    public ParityVariant Variant { get; }

    /// <summary>Gets the number of threads a batch may use.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Gets M, the number of uncoded fragments.</summary>
    public int NbFrag => Layout.NbFrag;

    /// <summary>Gets the fragment size F.</summary>
    public int FragSize => Layout.FragSize;

    /// <summary>Writes the F payload bytes of fragment <paramref name="n"/>.</summary>
    /// <param name="n">1 … M for an uncoded fragment, M+1 … 16 383 for a coded one.</param>
    /// <param name="destination">At least F bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than F.</exception>
    public void WritePayload(int n, Span<byte> destination)
    {
        ValidateDestination(destination.Length, FragSize);
        if (n >= 1 && n <= NbFrag)
        {
            _rows.AsSpan((n - 1) * _stride, FragSize).CopyTo(destination);
            return;
        }

        ParityMatrix.ValidateLine(n, NbFrag, Variant);
        Span<byte> line = stackalloc byte[ParityMatrix.GetLineLength(ParityMatrix.MaxFragmentNumber)];
        Span<byte> accumulator = stackalloc byte[FragmentLayout.MaxFragSize + ChunkBytes];
        accumulator = accumulator[.._stride];
        accumulator.Clear();
        _lines.Fill(n, line);
        int lineLength = ParityMatrix.GetLineLength(NbFrag);
        for (int b = 0; b < lineLength; b++)
        {
            int bits = line[b];
            while (bits != 0)
            {
                int j = (b << 3) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                XorKernel.Xor(accumulator, _rows.AsSpan(j * _stride, _stride));
                bits &= bits - 1;
            }
        }

        accumulator[..FragSize].CopyTo(destination);
    }

    /// <summary>Writes fragment <paramref name="n"/> as a complete DataFragment FRMPayload: CID, Index&amp;N, payload.</summary>
    /// <param name="n">The fragment number, 1 … 16 383.</param>
    /// <param name="fragIndex">The session index, 0 to 3.</param>
    /// <param name="destination">At least 3 + F bytes.</param>
    /// <returns>The number of bytes written, 3 + F.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="fragIndex"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int WriteDataFragment(int n, byte fragIndex, Span<byte> destination)
    {
        ValidateDestination(destination.Length, DataFragment.HeaderLength + FragSize);
        if (n < 1 || n > ParityMatrix.MaxFragmentNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"Fragment numbers run from 1 to {ParityMatrix.MaxFragmentNumber}.");
        }

        DataFragment.WriteHeader(destination, fragIndex, n);
        WritePayload(n, destination[DataFragment.HeaderLength..]);
        return DataFragment.HeaderLength + FragSize;
    }

    /// <summary>Copies the padded block (M·F bytes) into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least M·F bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyPaddedBlockTo(Span<byte> destination)
    {
        ValidateDestination(destination.Length, Layout.PaddedLength);
        for (int j = 0; j < NbFrag; j++)
        {
            _rows.AsSpan(j * _stride, FragSize).CopyTo(destination[(j * FragSize)..]);
        }
    }

    private static void ValidateDestination(int length, int needed)
    {
        if (length < needed)
        {
            ThrowHelper.ThrowArgument("destination", $"The destination needs {needed} bytes; it has {length}.");
        }
    }
}

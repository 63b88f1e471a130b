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

    private readonly byte[] _table;      // 2^g combinations of one 64-byte chunk of a group's rows
    private readonly byte[] _work;       // BatchRows coded rows of _stride bytes
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
            EncodeBatch(firstN + done, rows);
            for (int r = 0; r < rows; r++)
            {
                _work.AsSpan(r * _stride, FragSize).CopyTo(destination[((done + r) * FragSize)..]);
            }
        }
    }

    private void EncodeBatch(int firstN, int rows)
    {
        int groups = _rows.Length / _stride / 8;
        int lineLength = ParityMatrix.GetLineLength(NbFrag);
        for (int r = 0; r < rows; r++)
        {
            Span<byte> line = _lineBytes.AsSpan(r * groups, groups);
            _lines.Fill(firstN + r, line);
            line[lineLength..].Clear();
        }

        _work.AsSpan(0, rows * _stride).Clear();

        // Estimated 64-byte XORs per chunk column: rows one by one, or tables of 16 or 256 combinations.
        long direct = (long)rows * (NbFrag / 2);
        long nibbles = (long)groups * 2 * (TableEntries4 + rows);
        long bytes = (long)groups * (TableEntries8 + rows);
        if (direct <= nibbles && direct <= bytes)
        {
            EncodeDirect(rows, groups);
            return;
        }

        Transpose(rows, groups);
        if (nibbles < bytes)
        {
            EncodeGrouped(rows, groups, 4);
        }
        else
        {
            EncodeGrouped(rows, groups, 8);
        }
    }

    private void EncodeDirect(int rows, int groups)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<byte> target = _work.AsSpan(r * _stride, _stride);
            ReadOnlySpan<byte> line = _lineBytes.AsSpan(r * groups, groups);
            for (int g = 0; g < groups; g++)
            {
                int bits = line[g];
                while (bits != 0)
                {
                    int j = (g << 3) + BitOperations.TrailingZeroCount(bits);
                    XorKernel.Xor(target, _rows.AsSpan(j * _stride, _stride));
                    bits &= bits - 1;
                }
            }
        }
    }

    private void Transpose(int rows, int groups)
    {
        for (int r = 0; r < rows; r++)
        {
            int source = r * groups;
            for (int g = 0; g < groups; g++)
            {
                _patterns[(g * rows) + r] = _lineBytes[source + g];
            }
        }
    }

    // For each 64-byte column chunk and each group of `width` rows: tabulate every XOR combination of the group's
    // chunks, then add the combination each coded row selects. Table and work chunks stay in L1.
    private void EncodeGrouped(int rows, int groups, int width)
    {
        ref byte table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref byte work = ref MemoryMarshal.GetArrayDataReference(_work);
        ref byte data = ref MemoryMarshal.GetArrayDataReference(_rows);
        int entries = 1 << width;
        int mask = entries - 1;
        int subgroups = 8 / width;
        for (int chunk = 0; chunk < _stride; chunk += ChunkBytes)
        {
            for (int g = 0; g < groups; g++)
            {
                for (int s = 0; s < subgroups; s++)
                {
                    int firstRow = (g * 8) + (s * width);
                    int shift = s * width;
                    for (int i = 1; i < entries; i++)
                    {
                        int low = BitOperations.TrailingZeroCount(i);
                        Xor64(
                            ref Unsafe.Add(ref table, i * ChunkBytes),
                            ref Unsafe.Add(ref table, (i & (i - 1)) * ChunkBytes),
                            ref Unsafe.Add(ref data, ((firstRow + low) * _stride) + chunk));
                    }

                    int patternBase = g * rows;
                    for (int r = 0; r < rows; r++)
                    {
                        int pattern = (_patterns[patternBase + r] >> shift) & mask;
                        if (pattern != 0)
                        {
                            ref byte target = ref Unsafe.Add(ref work, (r * _stride) + chunk);
                            Xor64(ref target, ref target, ref Unsafe.Add(ref table, pattern * ChunkBytes));
                        }
                    }
                }
            }
        }
    }

    // destination = a ^ b over 64 bytes; entry 0 of the table stays zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Xor64(ref byte destination, ref byte a, ref byte b)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref a) ^ Vector512.LoadUnsafe(ref b), ref destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref a) ^ Vector256.LoadUnsafe(ref b), ref destination);
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref a, 32) ^ Vector256.LoadUnsafe(ref b, 32), ref destination, 32);
        }
        else
        {
            for (nuint i = 0; i < ChunkBytes; i += 8)
            {
                Unsafe.WriteUnaligned(
                    ref Unsafe.Add(ref destination, i),
                    Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, i)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i)));
            }
        }
    }
}

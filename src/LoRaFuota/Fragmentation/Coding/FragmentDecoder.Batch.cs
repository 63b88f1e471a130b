namespace LoRaFuota.Fragmentation.Coding;

/// <content>
/// The byte work of the elimination, batched. Rank and completion need only the bits, so a new pivot's bytes wait in a
/// queue: at a flush, the known fragments its parity line names are XORed for the whole batch at once with
/// <see cref="GroupedXor"/> (the block is read a few times per batch instead of once per coded fragment), then the
/// pivots it was reduced by are applied in arrival order, so every pivot they name is already final.
/// </content>
public sealed partial class FragmentDecoder
{
    private readonly GroupedXor _batch;     // parity lines of the queued equations → their known parts
    private readonly int _batchCapacity;    // equations per batch
    private readonly byte[] _pendingBytes;  // raw payload of each queued equation
    private readonly byte[] _knownParts;    // the grouped XOR's output for the batch
    private readonly int[] _pendingPivot;   // the pivot column each queued equation created
    private readonly byte[] _knownBits;     // bit j set: fragment j is DirectlyKnown (masks the lines)
    private ulong[] _pendingOps;            // per queued equation: the pivot columns its bits were reduced by
    private ulong[] _equationOps;           // scratch: the same for the equation being reduced
    private int _pending;                   // queued equations

    private Span<byte> Slot(int fragment) => _block.AsSpan(fragment * FragSize, FragSize);

    private void Enqueue(int column, ReadOnlySpan<byte> line, ReadOnlySpan<byte> payload)
    {
        if (_pending == _batchCapacity)
        {
            Flush();
        }

        Span<byte> queued = _batch.Line(_pending);
        queued.Clear();
        line.CopyTo(queued);
        payload.CopyTo(_pendingBytes.AsSpan(_pending * FragSize, FragSize));
        _equationOps.AsSpan().CopyTo(_pendingOps.AsSpan(_pending * _words, _words));
        _pendingPivot[_pending] = column;
        _pending++;
    }

    private void Flush()
    {
        int count = _pending;
        if (count == 0)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Span<byte> line = _batch.Line(i);
            for (int b = 0; b < line.Length; b++)
            {
                line[b] &= _knownBits[b]; // only directly known fragments: the rest are columns of the equation
            }
        }

        _batch.Run(_block, FragSize, count, _knownParts, workers: 1);
        for (int i = 0; i < count; i++)
        {
            Span<byte> bytes = _pendingBytes.AsSpan(i * FragSize, FragSize);
            XorKernel.Xor(bytes, _knownParts.AsSpan(i * FragSize, FragSize));
            ReadOnlySpan<ulong> ops = _pendingOps.AsSpan(i * _words, _words);
            for (int w = 0; w < ops.Length; w++)
            {
                ulong bits = ops[w];
                while (bits != 0)
                {
                    int pivot = (w * WordBits) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    XorKernel.Xor(bytes, Slot(_fragmentOf[pivot]));
                }
            }

            bytes.CopyTo(Slot(_fragmentOf[_pendingPivot[i]]));
        }

        _pending = 0;
    }
}

using LoRaFuota.Fragmentation;

namespace LoRaFuota.Fragmentation.Coding;

/// <summary>
/// Rebuilds a data block from DataFragments received in any order, with repeats, and completes at the first fragment
/// after which the received set determines the block (full GF(2) rank).
/// </summary>
/// <remarks>
/// <para>
/// Each fragment is an equation over the M uncoded fragments. Uncoded fragments that arrive before any coded fragment
/// mentions them are stored directly. The other unknowns get compact column numbers as coded fragments mention them,
/// and the equations are kept in row-echelon form over those columns, bit-packed in 64-bit words, with each pivot's
/// bytes stored in the block slot of its own unknown (as the device decoders do). Rank is tracked on the bits as each
/// fragment arrives; the byte work of coded fragments is batched (<see cref="FragmentDecoderOptions.BatchSize"/>) and
/// done at a flush with grouped XOR tables. At full rank one back-substitution rebuilds every missing fragment.
/// </para>
/// <para>
/// Unlike LoRaMac-node, an uncoded fragment that arrives after coded ones is used, not dropped; set
/// <see cref="FragmentDecoderOptions.InOrder"/> to behave like the device decoders. A repeated uncoded fragment with
/// other bytes is reported as <see cref="FragmentResult.Inconsistent"/> and ignored; a wrong block is never returned for
/// consistent input with the right parity variant.
/// </para>
/// <para>
/// Memory: the block (M·F bytes), L² bits of matrix for L unknowns (L rounded up to 64), and O(M) bookkeeping and
/// batch buffers (about 3·BatchSize·⌈M/8⌉ bytes of parity lines and their table offsets, BatchSize·(2F + ⌈F/32⌉·32)
/// bytes of payloads).
/// Buffers grow while a session first needs them and are kept by <see cref="Reset"/>: a session that fits the
/// buffers allocates nothing. Not thread-safe.
/// </para>
/// </remarks>
public sealed partial class FragmentDecoder
{
    private const byte SeenUncoded = 1;   // the uncoded fragment itself was received
    private const byte DirectlyKnown = 2; // its bytes sit in the block and take part in no equation

    private readonly FragmentDecoderOptions _options;
    private readonly ParityMatrix.LineGenerator _lines;
    private readonly byte[] _block;       // M·F bytes: received fragments, pivot bytes of unknowns, finally the block
    private readonly byte[] _state;       // per fragment: SeenUncoded | DirectlyKnown
    private readonly int[] _columnOf;     // per fragment: its compact column, or -1
    private readonly byte[] _line;        // scratch parity line

    private int _received;        // frames taken (repeats included), the v2 NbFragReceived
    private int _uncodedSeen;     // distinct uncoded fragments received
    private int _directCount;     // fragments with DirectlyKnown
    private int _highestN;        // the highest N taken
    private bool _completed;
    private bool _memoryError;

    /// <summary>Initializes a new instance of the <see cref="FragmentDecoder"/> class.</summary>
    /// <param name="options">The session shape and limits; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message lists every one).</exception>
    public FragmentDecoder(FragmentDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = new FragmentDecoderOptions
        {
            NbFrag = options.NbFrag,
            FragSize = options.FragSize,
            Padding = options.Padding,
            Variant = options.Variant,
            MaxLostFragments = options.MaxLostFragments,
            InOrder = options.InOrder,
            BatchSize = options.BatchSize,
        };
        _lines = new ParityMatrix.LineGenerator(NbFrag, Variant);
        _block = new byte[GroupedXor.GetPaddedLength(NbFrag, FragSize)]; // padded: the grouped XOR reads whole 32-byte chunks
        _state = new byte[NbFrag];
        _columnOf = new int[NbFrag];
        _line = new byte[ParityMatrix.GetLineLength(NbFrag)];
        _batchCapacity = options.BatchSize;
        _batch = new GroupedXor(NbFrag, FragSize, _batchCapacity, workers: 1);
        _pendingBytes = new byte[_batchCapacity * FragSize];
        _knownParts = new byte[_batchCapacity * FragSize];
        _pendingPivot = new int[_batchCapacity];
        _knownBits = new byte[_batch.Line(0).Length];
        _pendingOps = [];
        _equationOps = [];
        int initialColumns = options.MaxLostFragments is int limit ? Math.Min(limit, NbFrag) : 0;
        _fragmentOf = [];
        _pivotRows = [];
        _hasPivot = [];
        _equation = [];
        EnsureColumnCapacity(initialColumns);
        Reset();
    }

    /// <summary>Gets M.</summary>
    public int NbFrag => _options.NbFrag;

    /// <summary>Gets F.</summary>
    public int FragSize => _options.FragSize;

    /// <summary>Gets the parity generator in use.</summary>
    public ParityVariant Variant => _options.Variant;

    /// <summary>Gets the length of the rebuilt block: M·F − padding.</summary>
    public int BlockLength => (NbFrag * FragSize) - _options.Padding;

    /// <summary>Gets a value indicating whether the block has been rebuilt.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Gets a value indicating whether the memory limit was exceeded (the device's MatrixError / MemoryError).</summary>
    public bool HasMemoryError => _memoryError;

    /// <summary>Gets the number of fragments taken, repeats included (the v2 NbFragReceived).</summary>
    public int FragmentsReceived => _received;

    /// <summary>Gets the number of distinct uncoded fragments received.</summary>
    public int UncodedReceived => _uncodedSeen;

    /// <summary>Gets the highest fragment number taken.</summary>
    public int HighestN => _highestN;

    /// <summary>Gets the rank of the received set: M when the block is determined.</summary>
    public int Rank => _directCount + _pivotCount;

    /// <summary>Gets how many more independent fragments are needed (M − rank): the least number of coded fragments a top-up must deliver.</summary>
    public int Deficit => NbFrag - Rank;

    /// <summary>Gets the uncoded fragments still missing: neither received nor rebuilt (the v2 MissingFrag before saturation).</summary>
    public int MissingUncoded => _completed ? 0 : NbFrag - _uncodedSeen;

    /// <summary>
    /// Gets the uncoded fragments numbered below the highest N taken that were not received: the device decoders'
    /// FragNbLost (once coded fragments arrive, every missing uncoded fragment).
    /// </summary>
    public int LostUncoded => Math.Min(_highestN, NbFrag) - _uncodedSeen;

    /// <summary>Gets the bytes the GF(2) matrix occupies now.</summary>
    public long MatrixBytes => (long)_pivotRows.Length * sizeof(ulong);

    /// <summary>Takes a DataFragment FRMPayload (CID 0x08, Index&amp;N, payload).</summary>
    /// <param name="frame">The FRMPayload.</param>
    /// <returns>What was done with it; <see cref="FragmentResult.Invalid"/> for a frame that is not a well-formed DataFragment.</returns>
    public FragmentResult Process(ReadOnlySpan<byte> frame) =>
        DataFragment.TryRead(frame, out DataFragment fragment, out _)
            ? Process(fragment.N, fragment.Payload)
            : FragmentResult.Invalid;

    /// <summary>Takes fragment <paramref name="n"/>.</summary>
    /// <param name="n">The fragment number: 1 … M uncoded, M+1 … 16 383 coded.</param>
    /// <param name="payload">Exactly F bytes.</param>
    /// <returns>What was done with it. Bad input is reported, never thrown.</returns>
    public FragmentResult Process(int n, ReadOnlySpan<byte> payload)
    {
        if (n < 1 || n > ParityMatrix.MaxFragmentNumber || payload.Length != FragSize)
        {
            return FragmentResult.Invalid;
        }

        if (_memoryError)
        {
            return FragmentResult.MemoryError;
        }

        if (_completed)
        {
            return FragmentResult.AlreadyCompleted;
        }

        _received++;
        if (_options.InOrder && n < _highestN)
        {
            return FragmentResult.OutOfOrder;
        }

        _highestN = Math.Max(_highestN, n);
        return n <= NbFrag ? TakeUncoded(n - 1, payload) : TakeCoded(n, payload);
    }

    /// <summary>Copies the rebuilt block (M·F − padding bytes) into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="BlockLength"/> bytes.</param>
    /// <exception cref="InvalidOperationException">The block is not complete.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyBlockTo(Span<byte> destination)
    {
        if (!_completed)
        {
            throw new InvalidOperationException($"The block is not complete: rank {Rank} of {NbFrag}.");
        }

        if (destination.Length < BlockLength)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"The block needs {BlockLength} bytes; the destination has {destination.Length}.");
        }

        _block.AsSpan(0, BlockLength).CopyTo(destination);
    }

    /// <summary>Builds the FragSessionStatusAns a device in this state sends.</summary>
    /// <param name="version">The TS004 version.</param>
    /// <param name="fragIndex">The session index, 0 to 3.</param>
    /// <param name="micError">v2: whether the rebuilt block failed its MIC check.</param>
    /// <returns>The answer: NbFragReceived (14 bits, saturated), MissingFrag (saturated at 255), the memory error.</returns>
    public FragSessionStatusAns GetStatusAnswer(PackageVersion version, byte fragIndex, bool micError = false) => new()
    {
        Version = version,
        FragIndex = fragIndex,
        NbFragReceived = (ushort)Math.Min(_received, ParityMatrix.MaxFragmentNumber),
        MissingFrag = (byte)Math.Min(MissingUncoded, byte.MaxValue),
        MemoryError = _memoryError,
        MicError = version == PackageVersion.V2 && micError,
    };

    /// <summary>Starts a new session of the same shape, keeping every buffer.</summary>
    public void Reset()
    {
        _block.AsSpan().Clear();
        _state.AsSpan().Clear();
        _knownBits.AsSpan().Clear();
        _columnOf.AsSpan().Fill(-1);
        _pending = 0;
        _received = 0;
        _uncodedSeen = 0;
        _directCount = 0;
        _highestN = 0;
        _completed = false;
        _memoryError = false;
        ResetMatrix();
    }

    private FragmentResult TakeUncoded(int j, ReadOnlySpan<byte> payload)
    {
        bool first = (_state[j] & SeenUncoded) == 0;
        _state[j] |= SeenUncoded;
        if (first)
        {
            _uncodedSeen++;
        }

        Span<byte> slot = _block.AsSpan(j * FragSize, FragSize);
        if ((_state[j] & DirectlyKnown) != 0)
        {
            return slot.SequenceEqual(payload) ? FragmentResult.Redundant : FragmentResult.Inconsistent;
        }

        if (_columnOf[j] < 0)
        {
            payload.CopyTo(slot);
            _state[j] |= DirectlyKnown;
            _knownBits[j >> 3] |= (byte)(1 << (j & 7));
            _directCount++;
            return CheckCompletion();
        }

        // A coded fragment already named this unknown: the uncoded fragment is one more equation, with no known part.
        ClearEquation();
        SetEquationBit(_columnOf[j]);
        return AddEquation(ReadOnlySpan<byte>.Empty, payload);
    }

    private FragmentResult TakeCoded(int n, ReadOnlySpan<byte> payload)
    {
        if (_options.MaxLostFragments is int limit && LostUncoded > limit)
        {
            _memoryError = true; // TS004 §3.7: the device gives up at the first coded fragment it cannot hold
            return FragmentResult.MemoryError;
        }

        _lines.Fill(n, _line);
        ClearEquation();
        for (int b = 0; b < _line.Length; b++)
        {
            // Known fragments are left to the batch (GroupedXor); unknown ones become columns of the equation.
            int bits = _line[b] & ~_knownBits[b];
            while (bits != 0)
            {
                int j = (b << 3) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (!TryGetColumn(j, out int column))
                {
                    _memoryError = true;
                    return FragmentResult.MemoryError;
                }
                else
                {
                    SetEquationBit(column);
                }
            }
        }

        return AddEquation(_line, payload);
    }

    private FragmentResult CheckCompletion()
    {
        if (Rank < NbFrag)
        {
            return FragmentResult.Accepted;
        }

        Flush();
        BackSubstitute();
        _completed = true;
        return FragmentResult.Completed;
    }
}

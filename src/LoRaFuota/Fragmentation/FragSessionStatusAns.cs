using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>FragSessionStatusAns (uplink, CID 0x01): a receiver's progress in a fragmentation session; the layout differs by version.</summary>
/// <remarks>
/// <code>
/// v1 (5 bytes)                                   v2 (5 bytes, or 2 when SessionDoesNotExist = 1)
/// off size field                                 off size field
///  0   1   CID 0x01                               0   1   CID 0x01
///  1   2   NbFragReceived 13:0 | FragIndex 15:14  1   1   Status: RFU 7:3 | SessionDoesNotExist 2
///  3   1   MissingFrag                                    | MICError 1 | MemoryError 0
///  4   1   Status: RFU 7:1 | NotEnoughMatrixMem 0 2   2   NbFragReceived 13:0 | FragIndex 15:14
///                                                 4   1   MissingFrag
/// </code>
/// TS004 §3.2 / TS004 v2 §3.2: v2 moved the status octet to the front. When SessionDoesNotExist is set, the v2
/// specification sends the status octet alone, LoRa Basics Modem sends it followed by three zero octets, and
/// ChirpStack's test sends it with counters. All three are read: the long form is taken when the three octets are
/// zero or end the frame, otherwise the short form is taken and <see cref="OmitsReceivedFields"/> is set.
/// NbFragReceived and MissingFrag mean different things on different device stacks; treat them as informational.
/// </remarks>
public readonly record struct FragSessionStatusAns : IAppLayerCommand<FragSessionStatusAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes of the full answer, CID included.</summary>
    public const int EncodedLength = 5;

    /// <summary>The encoded length in bytes of the v2 answer for a session that does not exist.</summary>
    public const int ShortEncodedLength = 2;

    private const int V1ReceivedOffset = 1;
    private const int V1MissingOffset = 3;
    private const int V1StatusOffset = 4;
    private const int V2StatusOffset = 1;
    private const int V2ReceivedOffset = 2;
    private const int V2MissingOffset = 4;
    private const int MemoryErrorBit = 0;       // v1 NotEnoughMatrixMemory, v2 MemoryError
    private const int MicErrorBit = 1;          // v2
    private const int SessionDoesNotExistBit = 2; // v2

    /// <summary>Gets the package version, which fixes the layout.</summary>
    public PackageVersion Version { get; init; }

    /// <summary>Gets the session index, 0 to 3.</summary>
    public byte FragIndex { get; init; }

    /// <summary>Gets the 14-bit received-fragment counter.</summary>
    public ushort NbFragReceived { get; init; }

    /// <summary>Gets the number of uncoded fragments the device still misses (saturated or truncated to 8 bits by the device).</summary>
    public byte MissingFrag { get; init; }

    /// <summary>Gets a value indicating whether the decoder ran out of memory (v1 NotEnoughMatrixMemory, v2 MemoryError).</summary>
    public bool MemoryError { get; init; }

    /// <summary>Gets a value indicating whether the rebuilt block failed its MIC (v2 only; meaningful when MissingFrag is 0).</summary>
    public bool MicError { get; init; }

    /// <summary>Gets a value indicating whether the session does not exist on the device (v2 only).</summary>
    public bool SessionDoesNotExist { get; init; }

    /// <summary>Gets a value indicating whether the answer is the 2-byte v2 form without counters.</summary>
    public bool OmitsReceivedFields { get; init; }

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => OmitsReceivedFields ? ShortEncodedLength : EncodedLength;

    /// <summary>Reads 5 bytes, or 2 for the short v2 form. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out FragSessionStatusAns value, out int bytesConsumed) =>
        version == PackageVersion.V2 ? TryReadV2(source, out value, out bytesConsumed) : TryReadV1(source, out value, out bytesConsumed);

    /// <summary>Writes 5 bytes, or 2 for the short v2 form.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        Validate();
        bytesWritten = 0;
        int length = GetByteCount();
        if (destination.Length < length)
        {
            return false;
        }

        destination[0] = Cid;
        if (Version == PackageVersion.V1)
        {
            LoRaBitConverter.WriteUInt14WithIndex(destination[V1ReceivedOffset..], NbFragReceived, FragIndex);
            destination[V1MissingOffset] = MissingFrag;
            destination[V1StatusOffset] = (byte)CommandCodec.Flag(MemoryError, MemoryErrorBit);
        }
        else
        {
            destination[V2StatusOffset] = (byte)(CommandCodec.Flag(MemoryError, MemoryErrorBit)
                | CommandCodec.Flag(MicError, MicErrorBit)
                | CommandCodec.Flag(SessionDoesNotExist, SessionDoesNotExistBit));
            if (!OmitsReceivedFields)
            {
                LoRaBitConverter.WriteUInt14WithIndex(destination[V2ReceivedOffset..], NbFragReceived, FragIndex);
                destination[V2MissingOffset] = MissingFrag;
            }
        }

        bytesWritten = length;
        return true;
    }

    private static bool TryReadV1(ReadOnlySpan<byte> source, out FragSessionStatusAns value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, EncodedLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        (ushort received, byte index) = LoRaBitConverter.ReadUInt14WithIndex(source[V1ReceivedOffset..]);
        var result = new FragSessionStatusAns
        {
            Version = PackageVersion.V1,
            FragIndex = index,
            NbFragReceived = received,
            MissingFrag = source[V1MissingOffset],
            MemoryError = CommandCodec.Bit(source[V1StatusOffset], MemoryErrorBit),
        };
        return CommandCodec.Succeed(result, EncodedLength, out value, out bytesConsumed);
    }

    private static bool TryReadV2(ReadOnlySpan<byte> source, out FragSessionStatusAns value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, ShortEncodedLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        byte status = source[V2StatusOffset];
        bool missingSession = CommandCodec.Bit(status, SessionDoesNotExistBit);
        var result = new FragSessionStatusAns
        {
            Version = PackageVersion.V2,
            MemoryError = CommandCodec.Bit(status, MemoryErrorBit),
            MicError = CommandCodec.Bit(status, MicErrorBit),
            SessionDoesNotExist = missingSession,
        };

        if (missingSession && !HasLongMissingSessionForm(source))
        {
            return CommandCodec.Succeed(result with { OmitsReceivedFields = true }, ShortEncodedLength, out value, out bytesConsumed);
        }

        if (source.Length < EncodedLength)
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        (ushort received, byte index) = LoRaBitConverter.ReadUInt14WithIndex(source[V2ReceivedOffset..]);
        result = result with { NbFragReceived = received, FragIndex = index, MissingFrag = source[V2MissingOffset] };
        return CommandCodec.Succeed(result, EncodedLength, out value, out bytesConsumed);
    }

    /// <summary>Gets the length of the answer at the start of <paramref name="source"/> (at least 2 bytes visible).</summary>
    internal static int GetEncodedLength(ReadOnlySpan<byte> source, PackageVersion version) =>
        version == PackageVersion.V2 && CommandCodec.Bit(source[V2StatusOffset], SessionDoesNotExistBit) && !HasLongMissingSessionForm(source)
            ? ShortEncodedLength
            : EncodedLength;

    // LoRa Basics Modem pads the missing-session answer with three zero octets; a 5-byte frame is also read long.
    private static bool HasLongMissingSessionForm(ReadOnlySpan<byte> source) =>
        source.Length == EncodedLength
        || (source.Length > EncodedLength && source[V2ReceivedOffset] == 0 && source[V2ReceivedOffset + 1] == 0 && source[V2MissingOffset] == 0);

    private void Validate()
    {
        FieldGuard.Version(Version);
        FieldGuard.Bits(FragIndex, 2);
        FieldGuard.Bits(NbFragReceived, 14);
        if (Version == PackageVersion.V1 && (MicError || SessionDoesNotExist || OmitsReceivedFields))
        {
            ThrowHelper.ThrowArgument(nameof(Version), "MicError, SessionDoesNotExist and the short form exist only in TS004 v2.");
        }

        if (OmitsReceivedFields && (!SessionDoesNotExist || NbFragReceived != 0 || MissingFrag != 0 || FragIndex != 0))
        {
            ThrowHelper.ThrowArgument(nameof(OmitsReceivedFields), "The short form is only for SessionDoesNotExist and carries no counters or FragIndex.");
        }
    }
}

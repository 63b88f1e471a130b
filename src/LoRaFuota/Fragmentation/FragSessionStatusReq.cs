using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>FragSessionStatusReq (downlink, unicast or multicast, CID 0x01): asks receivers for the state of a fragmentation session.</summary>
/// <remarks>
/// <code>
/// +-----+-------------------------------------------+
/// | CID | RFU 7:3 | FragIndex 2:1 | Participants 0  |
/// +-----+-------------------------------------------+
/// </code>
/// TS004 §3.1, both versions. Participants = 1: every receiver answers; 0: only receivers still missing fragments.
/// </remarks>
/// <param name="FragIndex">The session, 0 to 3.</param>
/// <param name="Participants">True to ask every receiver.</param>
public readonly record struct FragSessionStatusReq(byte FragIndex, bool Participants) : IAppLayerCommand<FragSessionStatusReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int ParticipantsBit = 0;
    private const int FragIndexShift = 1; // bits 2:1
    private const int FragIndexMask = 0x03;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored (LoRaMac-node forgets to mask them).</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out FragSessionStatusReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(
                new FragSessionStatusReq((byte)((source[1] >> FragIndexShift) & FragIndexMask), CommandCodec.Bit(source[1], ParticipantsBit)),
                EncodedLength,
                out value,
                out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(FragIndex, 2);
        return CommandCodec.WriteTwoOctets(destination, Cid, (FragIndex << FragIndexShift) | CommandCodec.Flag(Participants, ParticipantsBit), out bytesWritten);
    }
}

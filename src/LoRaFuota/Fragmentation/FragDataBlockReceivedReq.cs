using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>FragDataBlockReceivedReq (TS004 v2 only, <b>uplink</b>, CID 0x04): the device reports a completed block.</summary>
/// <remarks>
/// <code>
/// +-----+-----------------------------------------+
/// | CID | RFU 7:3 | MICError 2 | FragIndex 1:0    |
/// +-----+-----------------------------------------+
/// </code>
/// TS004 v2 §3.6: sent when FragSessionSetupReq had AckReception = 1. Unlike every other pair, the "Req" goes up.
/// </remarks>
/// <param name="FragIndex">The session, 0 to 3.</param>
/// <param name="MicError">True when the rebuilt block failed its MIC check.</param>
public readonly record struct FragDataBlockReceivedReq(byte FragIndex, bool MicError) : IAppLayerCommand<FragDataBlockReceivedReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x04;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int FragIndexMask = 0x03; // bits 1:0
    private const int MicErrorBit = 2;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out FragDataBlockReceivedReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(
                new FragDataBlockReceivedReq((byte)(source[1] & FragIndexMask), CommandCodec.Bit(source[1], MicErrorBit)),
                EncodedLength,
                out value,
                out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(FragIndex, 2);
        return CommandCodec.WriteTwoOctets(destination, Cid, FragIndex | CommandCodec.Flag(MicError, MicErrorBit), out bytesWritten);
    }
}

using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McGroupStatusReq (downlink, unicast, CID 0x01): asks which multicast groups are defined.</summary>
/// <remarks>
/// <code>
/// +-----+---------------------------------+
/// | CID | RFU 7:4 | ReqGroupMask 3:0
/// +-----+---------------------------------+
/// </code>
/// TS005 §3, both versions.
/// </remarks>
/// <param name="ReqGroupMask">the groups to report (bit n = group n).</param>
public readonly record struct McGroupStatusReq(byte ReqGroupMask) : IAppLayerCommand<McGroupStatusReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int FieldMask = 0x0F;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McGroupStatusReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new McGroupStatusReq((byte)(source[1] & FieldMask)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(ReqGroupMask, 4);
        return CommandCodec.WriteTwoOctets(destination, Cid, ReqGroupMask, out bytesWritten);
    }
}

using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McGroupDeleteReq (downlink, unicast, CID 0x03): deletes a multicast group.</summary>
/// <remarks>
/// <code>
/// +-----+---------------------------------+
/// | CID | RFU 7:2 | McGroupID 1:0
/// +-----+---------------------------------+
/// </code>
/// TS005 §3, both versions.
/// </remarks>
/// <param name="McGroupId">the group, 0 to 3.</param>
public readonly record struct McGroupDeleteReq(byte McGroupId) : IAppLayerCommand<McGroupDeleteReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x03;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int FieldMask = 0x03;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McGroupDeleteReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new McGroupDeleteReq((byte)(source[1] & FieldMask)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(McGroupId, 2);
        return CommandCodec.WriteTwoOctets(destination, Cid, McGroupId, out bytesWritten);
    }
}

using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McGroupSetupAns (uplink, CID 0x02): the result of McGroupSetupReq.</summary>
/// <remarks>
/// <code>
/// +-----+------------------------------------------+
/// | CID | RFU 7:3 | IdError 2 | McGroupID 1:0 |
/// +-----+------------------------------------------+
/// </code>
/// TS005 §3, both versions.
/// </remarks>
/// <param name="McGroupId">The group, 0 to 3.</param>
/// <param name="IdError">True when the group index is not supported.</param>
public readonly record struct McGroupSetupAns(byte McGroupId, bool IdError) : IAppLayerCommand<McGroupSetupAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x02;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int GroupMask = 0x03; // bits 1:0
    private const int FlagBit = 2;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McGroupSetupAns value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new McGroupSetupAns((byte)(source[1] & GroupMask), CommandCodec.Bit(source[1], FlagBit)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(McGroupId, 2);
        return CommandCodec.WriteTwoOctets(destination, Cid, McGroupId | CommandCodec.Flag(IdError, FlagBit), out bytesWritten);
    }
}

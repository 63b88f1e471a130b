using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McGroupDeleteAns (uplink, CID 0x03): the result of McGroupDeleteReq.</summary>
/// <remarks>
/// <code>
/// +-----+------------------------------------------+
/// | CID | RFU 7:3 | McGroupUndefined 2 | McGroupID 1:0 |
/// +-----+------------------------------------------+
/// </code>
/// TS005 §3, both versions.
/// </remarks>
/// <param name="McGroupId">The group, 0 to 3.</param>
/// <param name="McGroupUndefined">True when the group was not defined.</param>
public readonly record struct McGroupDeleteAns(byte McGroupId, bool McGroupUndefined) : IAppLayerCommand<McGroupDeleteAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x03;

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
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McGroupDeleteAns value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new McGroupDeleteAns((byte)(source[1] & GroupMask), CommandCodec.Bit(source[1], FlagBit)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(McGroupId, 2);
        return CommandCodec.WriteTwoOctets(destination, Cid, McGroupId | CommandCodec.Flag(McGroupUndefined, FlagBit), out bytesWritten);
    }
}

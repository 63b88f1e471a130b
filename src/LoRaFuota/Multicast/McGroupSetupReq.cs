using System.Buffers.Binary;
using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McGroupSetupReq (downlink, unicast, CID 0x02): defines a multicast group on the device.</summary>
/// <remarks>
/// <code>
/// off size field
///  0   1   CID 0x02
///  1   1   RFU 7:2 | McGroupID 1:0
///  2   4   McAddr (u32 LE, DevAddr format)
///  6  16   McKey_encrypted (AES block order)
/// 22   4   minMcFCnt (u32 LE)
/// 26   4   maxMcFCnt (u32 LE)
/// </code>
/// TS005 §3.3, both versions. McKey_encrypted comes from <see cref="Security.MulticastKeys.EncryptMcKey"/>.
/// </remarks>
public readonly record struct McGroupSetupReq : IAppLayerCommand<McGroupSetupReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x02;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 30;

    private const int GroupOffset = 1;
    private const int AddrOffset = 2;
    private const int KeyOffset = 6;
    private const int MinFCntOffset = 22;
    private const int MaxFCntOffset = 26;
    private const int GroupMask = 0x03; // bits 1:0

    /// <summary>Gets the group, 0 to 3.</summary>
    public byte McGroupId { get; init; }

    /// <summary>Gets the multicast address.</summary>
    public uint McAddr { get; init; }

    /// <summary>Gets the group key encrypted under McKEKey.</summary>
    public Key128 McKeyEncrypted { get; init; }

    /// <summary>Gets the first multicast frame counter the device accepts.</summary>
    public uint MinMcFCnt { get; init; }

    /// <summary>Gets the last multicast frame counter of the group's lifetime.</summary>
    public uint MaxMcFCnt { get; init; }

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 30 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McGroupSetupReq value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, EncodedLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        var result = new McGroupSetupReq
        {
            McGroupId = (byte)(source[GroupOffset] & GroupMask),
            McAddr = BinaryPrimitives.ReadUInt32LittleEndian(source[AddrOffset..]),
            McKeyEncrypted = Key128.Create(source.Slice(KeyOffset, Key128.Length)),
            MinMcFCnt = BinaryPrimitives.ReadUInt32LittleEndian(source[MinFCntOffset..]),
            MaxMcFCnt = BinaryPrimitives.ReadUInt32LittleEndian(source[MaxFCntOffset..]),
        };
        return CommandCodec.Succeed(result, EncodedLength, out value, out bytesConsumed);
    }

    /// <summary>Writes exactly 30 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(McGroupId, 2);
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = Cid;
        destination[GroupOffset] = McGroupId;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[AddrOffset..], McAddr);
        McKeyEncrypted.CopyTo(destination[KeyOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[MinFCntOffset..], MinMcFCnt);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[MaxFCntOffset..], MaxMcFCnt);
        bytesWritten = EncodedLength;
        return true;
    }
}

using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>FragSessionDeleteReq (downlink, unicast, CID 0x03): deletes a fragmentation session.</summary>
/// <remarks>
/// <code>
/// +-----+-----------------------------+
/// | CID | RFU 7:2 | FragIndex 1:0     |
/// +-----+-----------------------------+
/// </code>
/// TS004 §3.4, both versions.
/// </remarks>
/// <param name="FragIndex">The session, 0 to 3.</param>
public readonly record struct FragSessionDeleteReq(byte FragIndex) : IAppLayerCommand<FragSessionDeleteReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x03;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int FragIndexMask = 0x03; // bits 1:0

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out FragSessionDeleteReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new FragSessionDeleteReq((byte)(source[1] & FragIndexMask)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(FragIndex, 2);
        return CommandCodec.WriteTwoOctets(destination, Cid, FragIndex, out bytesWritten);
    }
}

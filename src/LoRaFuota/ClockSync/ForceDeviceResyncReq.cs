using LoRaFuota.Packages;

namespace LoRaFuota.ClockSync;

/// <summary>ForceDeviceResyncReq (downlink, CID 0x03, the TS003 v1 name): asks the device to send NbTransmissions AppTimeReq uplinks now.</summary>
/// <remarks>
/// <code>
/// +-----+-------------------------------+
/// | CID | RFU 7:3 | NbTransmissions 2:0 |
/// +-----+-------------------------------+
/// </code>
/// TS003 §3.4. The layout is the same as <see cref="ForceDeviceResyncCmd"/>; only the name changed between v1 and v2. The device
/// stops early when a valid AppTimeAns arrives; 0 means send nothing. There is no answer.
/// </remarks>
/// <param name="NbTransmissions">0 to 7 uplinks.</param>
public readonly record struct ForceDeviceResyncReq(byte NbTransmissions) : IAppLayerCommand<ForceDeviceResyncReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x03;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int NbTransmissionsMask = 0x07; // bits 2:0; brocaar/lorawan's 0x17 leaks RFU bit 4

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out ForceDeviceResyncReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new ForceDeviceResyncReq((byte)(source[1] & NbTransmissionsMask)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(NbTransmissions, 3);
        return CommandCodec.WriteTwoOctets(destination, Cid, NbTransmissions, out bytesWritten);
    }
}

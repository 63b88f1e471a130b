using System.Buffers.Binary;
using LoRaFuota.Packages;

namespace LoRaFuota.ClockSync;

/// <summary>AppTimeReq (uplink, CID 0x01): the device's clock, and whether it needs an answer even when in sync.</summary>
/// <remarks>
/// <code>
/// +-----+------------+--------------------------------------+
/// | CID | DeviceTime | Param                                |
/// |  1  |  4 (u32 LE)| RFU 7:5 | AnsRequired 4 | TokenReq 3:0 |
/// +-----+------------+--------------------------------------+
/// </code>
/// TS003 §3.2: DeviceTime is GPS seconds modulo 2^32 captured just before transmission; TokenReq is a 4-bit
/// counter the answer must echo.
/// </remarks>
/// <param name="DeviceTime">The device clock in GPS seconds, modulo 2^32.</param>
/// <param name="TokenReq">The request token, 0 to 15.</param>
/// <param name="AnsRequired">True when the device wants an answer even if its clock is right.</param>
public readonly record struct AppTimeReq(uint DeviceTime, byte TokenReq, bool AnsRequired) : IAppLayerCommand<AppTimeReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 6;

    private const int DeviceTimeOffset = 1;
    private const int ParamOffset = 5;
    private const int TokenMask = 0x0F;     // bits 3:0
    private const int AnsRequiredBit = 4;   // bit 4

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 6 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out AppTimeReq value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, EncodedLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        byte param = source[ParamOffset];
        var result = new AppTimeReq(
            BinaryPrimitives.ReadUInt32LittleEndian(source[DeviceTimeOffset..]),
            (byte)(param & TokenMask),
            CommandCodec.Bit(param, AnsRequiredBit));
        return CommandCodec.Succeed(result, EncodedLength, out value, out bytesConsumed);
    }

    /// <summary>Writes exactly 6 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(TokenReq, 4);
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = Cid;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[DeviceTimeOffset..], DeviceTime);
        destination[ParamOffset] = (byte)(TokenReq | CommandCodec.Flag(AnsRequired, AnsRequiredBit));
        bytesWritten = EncodedLength;
        return true;
    }
}

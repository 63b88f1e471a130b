using System.Buffers.Binary;
using LoRaFuota.Packages;

namespace LoRaFuota.ClockSync;

/// <summary>DeviceAppTimePeriodicityAns (uplink, CID 0x02): whether the device accepted the period, and its clock.</summary>
/// <remarks>
/// <code>
/// +-----+------------------------------+------------+
/// | CID | Status: RFU 7:1 | NotSupported 0 | DeviceTime |
/// |  1  |              1               | 4 (u32 LE) |
/// +-----+------------------------------+------------+
/// </code>
/// TS003 §3.3. LoRaMac-node always answers NotSupported = 1.
/// </remarks>
/// <param name="NotSupported">True when the device keeps its own synchronisation schedule.</param>
/// <param name="DeviceTime">The device clock in GPS seconds, modulo 2^32.</param>
public readonly record struct DeviceAppTimePeriodicityAns(bool NotSupported, uint DeviceTime) : IAppLayerCommand<DeviceAppTimePeriodicityAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x02;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 6;

    private const int StatusOffset = 1;
    private const int DeviceTimeOffset = 2;
    private const int NotSupportedBit = 0;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 6 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out DeviceAppTimePeriodicityAns value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(
                new DeviceAppTimePeriodicityAns(CommandCodec.Bit(source[StatusOffset], NotSupportedBit), BinaryPrimitives.ReadUInt32LittleEndian(source[DeviceTimeOffset..])),
                EncodedLength,
                out value,
                out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 6 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = Cid;
        destination[StatusOffset] = (byte)CommandCodec.Flag(NotSupported, NotSupportedBit);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[DeviceTimeOffset..], DeviceTime);
        bytesWritten = EncodedLength;
        return true;
    }
}

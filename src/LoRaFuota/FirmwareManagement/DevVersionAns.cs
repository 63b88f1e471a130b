using System.Buffers.Binary;
using LoRaFuota.Packages;

namespace LoRaFuota.FirmwareManagement;

/// <summary>DevVersionAns (uplink, CID 0x01, TS006 Firmware Management on FPort 203): the running firmware and hardware version.</summary>
/// <remarks>
/// <code>
/// off  size  field
///  0    1    CID 0x01
///  1    4    FWversion   wire order (read as u32 LE); deployed stacks send major, minor, patch, revision
///  5    4    HWversion   u32 LE
/// </code>
/// Devices send it when asked (<see cref="DevVersionReq"/>) and, in several stacks, once after every boot.
/// </remarks>
/// <param name="FirmwareVersion">The firmware version, read little-endian from wire order.</param>
/// <param name="HardwareVersion">The hardware version.</param>
public readonly record struct DevVersionAns(uint FirmwareVersion, uint HardwareVersion) : IAppLayerCommand<DevVersionAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes.</summary>
    public const int EncodedLength = 9;

    private const int FirmwareOffset = 1;
    private const int HardwareOffset = 5;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads 9 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out DevVersionAns value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(
                new DevVersionAns(BinaryPrimitives.ReadUInt32LittleEndian(source[FirmwareOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(source[HardwareOffset..])),
                EncodedLength,
                out value,
                out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes 9 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = Cid;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[FirmwareOffset..], FirmwareVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[HardwareOffset..], HardwareVersion);
        bytesWritten = EncodedLength;
        return true;
    }
}

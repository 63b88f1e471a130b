using LoRaFuota.Packages;

namespace LoRaFuota.FirmwareManagement;

/// <summary>DevVersionReq (downlink, CID 0x01, TS006 Firmware Management on FPort 203): asks for the running firmware and hardware version.</summary>
/// <remarks>
/// <code>
/// off  size  field
///  0    1    CID 0x01
/// </code>
/// The device answers with <see cref="DevVersionAns"/>.
/// </remarks>
public readonly record struct DevVersionReq : IAppLayerCommand<DevVersionReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes.</summary>
    public const int EncodedLength = 1;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads 1 byte.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out DevVersionReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(default(DevVersionReq), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes 1 byte.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten) => CommandCodec.WriteCidOnly(destination, Cid, out bytesWritten);
}

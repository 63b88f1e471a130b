using LoRaFuota.Packages;

namespace LoRaFuota.ClockSync;

/// <summary>DeviceAppTimePeriodicityReq (downlink, CID 0x02): asks the device to send AppTimeReq every 128·2^Period s.</summary>
/// <remarks>
/// <code>
/// +-----+-----------------------+
/// | CID | RFU 7:4 | Period 3:0  |
/// +-----+-----------------------+
/// </code>
/// TS003 §3.3. <see cref="AppLayerTiming.GetAppTimePeriod"/> converts the code.
/// </remarks>
/// <param name="Period">The period code, 0 (128 s) to 15 (about 48.5 days).</param>
public readonly record struct DeviceAppTimePeriodicityReq(byte Period) : IAppLayerCommand<DeviceAppTimePeriodicityReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x02;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int PeriodMask = 0x0F; // bits 3:0

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <summary>Gets the requested interval between AppTimeReq uplinks.</summary>
    public TimeSpan Interval => AppLayerTiming.GetAppTimePeriod(Period);

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out DeviceAppTimePeriodicityReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new DeviceAppTimePeriodicityReq((byte)(source[1] & PeriodMask)), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(Period, 4);
        return CommandCodec.WriteTwoOctets(destination, Cid, Period, out bytesWritten);
    }
}

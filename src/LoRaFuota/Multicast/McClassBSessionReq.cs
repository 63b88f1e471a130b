using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McClassBSessionReq (downlink, unicast, CID 0x05): schedules a class B multicast session for a group.</summary>
/// <remarks>
/// <code>
/// off size field
///  0   1   CID 0x05
///  1   1   RFU 7:2 | McGroupID 1:0
///  2   4   SessionTime (u32 LE, GPS seconds mod 2^32)
///  6   1   RFU 7 | Periodicity 6:4 | TimeOut 3:0
///  7   3   DLFreq (u24 LE, 100 Hz steps)
/// 10   1   DR (data-rate index)
/// </code>
/// TS005 §3.5. The session lasts at most 2^TimeOut beacon periods of 128 s. SessionTime SHALL be a multiple of 128 s (a beacon boundary); DLFreq = 0 selects the regional class B hopping (v2).
/// </remarks>
public readonly record struct McClassBSessionReq : IAppLayerCommand<McClassBSessionReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x05;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = McSessionReqLayout.EncodedLength;

    /// <summary>Gets the group, 0 to 3.</summary>
    public byte McGroupId { get; init; }

    /// <summary>Gets the start of the session in GPS seconds, modulo 2^32.</summary>
    public uint SessionTime { get; init; }

    /// <summary>Gets the TimeOut code, 0 to 15 (see <see cref="AppLayerTiming.GetClassBSessionTimeout"/>).</summary>
    public byte TimeOut { get; init; }

    /// <summary>Gets the ping-slot periodicity, 0 to 7: a slot every 0.96·2^Periodicity s.</summary>
    public byte Periodicity { get; init; }

    /// <summary>Gets the downlink frequency in Hz (a multiple of 100 Hz).</summary>
    public uint DlFrequencyHz { get; init; }

    /// <summary>Gets the data-rate index of the session.</summary>
    public byte DataRate { get; init; }

    /// <summary>Gets the longest the session may last.</summary>
    public TimeSpan SessionTimeout => AppLayerTiming.GetClassBSessionTimeout(TimeOut);

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 11 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McClassBSessionReq value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, EncodedLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        McSessionReqLayout.Read(source, out byte group, out uint sessionTime, out byte timeOut, out byte periodicity, out uint frequency, out byte dataRate);

        var result = new McClassBSessionReq
        {
            McGroupId = group,
            SessionTime = sessionTime,
            TimeOut = timeOut,
            Periodicity = periodicity,
            DlFrequencyHz = frequency,
            DataRate = dataRate,
        };
        return CommandCodec.Succeed(result, EncodedLength, out value, out bytesConsumed);
    }

    /// <summary>Writes exactly 11 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DlFrequencyHz"/> is not a multiple of 100 Hz or does not fit 24 bits.</exception>
    public bool TryWrite(Span<byte> destination, out int bytesWritten) =>
        McSessionReqLayout.TryWrite(destination, Cid, McGroupId, SessionTime, TimeOut, Periodicity, DlFrequencyHz, DataRate, out bytesWritten);
}

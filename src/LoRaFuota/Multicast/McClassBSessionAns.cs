using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McClassBSessionAns (uplink, CID 0x05): whether the device accepted the class B session, and how long until it starts.</summary>
/// <remarks>
/// <code>
/// +-----+-----------------------------------------------------------------------+--------------------+
/// | CID | FutureErrors 7:6 (v2) | StartMissed 5 (v2) | McGroupUndefined 4        | TimeToStart u24 LE |
/// |     | FreqError 3 | DRError 2 | McGroupID 1:0                               | only without error |
/// +-----+-----------------------------------------------------------------------+--------------------+
/// </code>
/// TS005 §3.5. TimeToStart is present only when no error bit is set: bits 2–4 in v1, bits 2–7 in v2. In v2 a
/// TimeToStart of 0xFFFFFF means "2^24 s or more", a sign that the device clock is out of sync. LoRa Basics Modem
/// sets StartMissed in v1 too, so it is read in both versions; in v1 it does not remove TimeToStart.
/// </remarks>
public readonly record struct McClassBSessionAns : IAppLayerCommand<McClassBSessionAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x05;

    /// <summary>The saturated TimeToStart value of TS005 v2.</summary>
    public const uint SaturatedTimeToStart = LoRaBitConverter.MaxUInt24;

    /// <summary>Gets the package version, which decides which bits count as errors.</summary>
    public PackageVersion Version { get; init; }

    /// <summary>Gets the group, 0 to 3.</summary>
    public byte McGroupId { get; init; }

    /// <summary>Gets a value indicating whether the data rate is not supported.</summary>
    public bool DrError { get; init; }

    /// <summary>Gets a value indicating whether the frequency is not usable.</summary>
    public bool FreqError { get; init; }

    /// <summary>Gets a value indicating whether the group is not defined.</summary>
    public bool McGroupUndefined { get; init; }

    /// <summary>Gets a value indicating whether SessionTime had already passed by the device clock.</summary>
    public bool StartMissed { get; init; }

    /// <summary>Gets bits 7:6, reserved for future errors in v2 (treated as errors), 0 to 3.</summary>
    public byte FutureErrors { get; init; }

    /// <summary>Gets the seconds from this uplink to SessionTime; null when the answer reports an error.</summary>
    public uint? TimeToStart { get; init; }

    /// <summary>Gets a value indicating whether the device accepted the session.</summary>
    public bool IsAccepted => !McSessionAnsLayout.HasErrors(Status, Version);

    private byte Status => (byte)(McGroupId
        | CommandCodec.Flag(DrError, McSessionAnsLayout.DrErrorBit)
        | CommandCodec.Flag(FreqError, McSessionAnsLayout.FreqErrorBit)
        | CommandCodec.Flag(McGroupUndefined, McSessionAnsLayout.GroupUndefinedBit)
        | CommandCodec.Flag(StartMissed, McSessionAnsLayout.StartMissedBit)
        | (FutureErrors << McSessionAnsLayout.FutureErrorShift));

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => McSessionAnsLayout.GetLength(Status, Version);

    /// <summary>Reads 5 bytes, or 2 when the status reports an error.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McClassBSessionAns value, out int bytesConsumed)
    {
        if (!McSessionAnsLayout.TryRead(source, Cid, version, out byte status, out uint? timeToStart, out int length))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        bool v2 = version == PackageVersion.V2;
        var result = new McClassBSessionAns
        {
            Version = v2 ? PackageVersion.V2 : PackageVersion.V1,
            McGroupId = (byte)(status & McSessionAnsLayout.GroupMask),
            DrError = CommandCodec.Bit(status, McSessionAnsLayout.DrErrorBit),
            FreqError = CommandCodec.Bit(status, McSessionAnsLayout.FreqErrorBit),
            McGroupUndefined = CommandCodec.Bit(status, McSessionAnsLayout.GroupUndefinedBit),
            StartMissed = CommandCodec.Bit(status, McSessionAnsLayout.StartMissedBit),
            FutureErrors = v2 ? (byte)((status >> McSessionAnsLayout.FutureErrorShift) & McSessionAnsLayout.FutureErrorBits) : (byte)0,
            TimeToStart = timeToStart,
        };
        return CommandCodec.Succeed(result, length, out value, out bytesConsumed);
    }

    /// <summary>Writes 5 bytes, or 2 when the status reports an error.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(McGroupId, 2);
        FieldGuard.Bits(FutureErrors, Version == PackageVersion.V2 ? 2 : 0);
        return McSessionAnsLayout.TryWrite(destination, Cid, Version, Status, TimeToStart, out bytesWritten);
    }
}

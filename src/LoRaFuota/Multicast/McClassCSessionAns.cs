using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McClassCSessionAns (uplink, CID 0x04): whether the device accepted the class C session, and how long until it starts.</summary>
/// <remarks>
/// <code>
/// +-----+-----------------------------------------------------------------------+--------------------+
/// | CID | FutureErrors 7:6 (v2) | StartMissed 5 (v2) | McGroupUndefined 4        | TimeToStart u24 LE |
/// |     | FreqError 3 | DRError 2 | McGroupID 1:0                               | only without error |
/// +-----+-----------------------------------------------------------------------+--------------------+
/// </code>
/// TS005 §3.4. TimeToStart is present only when no error bit is set: bits 2–4 in v1, bits 2–7 in v2. In v2 a
/// TimeToStart of 0xFFFFFF means "2^24 s or more", a sign that the device clock is out of sync. LoRa Basics Modem
/// sets StartMissed in v1 too, so it is read in both versions; in v1 it does not remove TimeToStart.
/// </remarks>
public readonly record struct McClassCSessionAns : IAppLayerCommand<McClassCSessionAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x04;

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
    public bool IsAccepted => Fields.IsAccepted;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    private SessionAnswer Fields => new(Version, McGroupId, DrError, FreqError, McGroupUndefined, StartMissed, FutureErrors, TimeToStart);

    /// <inheritdoc/>
    public int GetByteCount() => Fields.GetByteCount();

    /// <summary>Reads 5 bytes, or 2 when the status reports an error.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McClassCSessionAns value, out int bytesConsumed)
    {
        if (!SessionAnswer.TryRead(source, Cid, version, out SessionAnswer a, out int length))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        var result = new McClassCSessionAns
        {
            Version = a.Version,
            McGroupId = a.McGroupId,
            DrError = a.DrError,
            FreqError = a.FreqError,
            McGroupUndefined = a.McGroupUndefined,
            StartMissed = a.StartMissed,
            FutureErrors = a.FutureErrors,
            TimeToStart = a.TimeToStart,
        };
        return CommandCodec.Succeed(result, length, out value, out bytesConsumed);
    }

    /// <summary>Writes 5 bytes, or 2 when the status reports an error.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten) => Fields.TryWrite(destination, Cid, out bytesWritten);
}

namespace LoRaFuota.Multicast;

/// <summary>
/// The layout shared by McClassCSessionAns and McClassBSessionAns (TS005 §3.4, §3.5):
/// <c>CID | Status | TimeToStart u24 LE (only without errors)</c>, 5 bytes or 2.
/// </summary>
/// <remarks>
/// Status: RFU/future errors 7:6 (v2) | StartMissed 5 (v2) | McGroupUndefined 4 | FreqError 3 | DRError 2 | McGroupID 1:0.
/// TimeToStart is present when no error bit is set: bits 2–4 in v1 (mask 0x1C), bits 2–7 in v2 (mask 0xFC).
/// ChirpStack decides from bits 2–4 in v2 too and so rejects <c>04 21</c>; this follows the v2 text.
/// </remarks>
internal static class McSessionAnsLayout
{
    public const int LongLength = 5;
    public const int ShortLength = 2;

    public const int GroupMask = 0x03;      // bits 1:0
    public const int DrErrorBit = 2;
    public const int FreqErrorBit = 3;
    public const int GroupUndefinedBit = 4;
    public const int StartMissedBit = 5;    // v2
    public const int FutureErrorShift = 6;  // bits 7:6, v2: "reserved for future errors"
    public const int FutureErrorBits = 0x03;

    private const int V1ErrorMask = 0x1C;
    private const int V2ErrorMask = 0xFC;
    private const int TimeToStartOffset = 2;

    public static bool HasErrors(byte status, PackageVersion version) =>
        (status & (version == PackageVersion.V2 ? V2ErrorMask : V1ErrorMask)) != 0;

    public static int GetLength(byte status, PackageVersion version) => HasErrors(status, version) ? ShortLength : LongLength;

    public static bool TryRead(ReadOnlySpan<byte> source, byte cid, PackageVersion version, out byte status, out uint? timeToStart, out int length)
    {
        status = 0;
        timeToStart = null;
        length = 0;
        if (source.Length < ShortLength || source[0] != cid)
        {
            return false;
        }

        byte candidate = source[1];
        int needed = GetLength(candidate, version);
        if (source.Length < needed)
        {
            return false;
        }

        status = candidate;
        timeToStart = needed == LongLength ? LoRaBitConverter.ReadUInt24LittleEndian(source[TimeToStartOffset..]) : null;
        length = needed;
        return true;
    }

    public static bool TryWrite(Span<byte> destination, byte cid, PackageVersion version, byte status, uint? timeToStart, out int bytesWritten)
    {
        FieldGuard.Version(version);
        bool errors = HasErrors(status, version);
        if (errors == timeToStart.HasValue)
        {
            ThrowHelper.ThrowArgument(
                nameof(timeToStart),
                "TimeToStart must be set exactly when no error bit is set (v1: DRError, FreqError, McGroupUndefined; v2: also StartMissed and the future-error bits).");
        }

        if (timeToStart is uint seconds)
        {
            FieldGuard.Max(seconds, LoRaBitConverter.MaxUInt24);
        }

        bytesWritten = 0;
        int length = errors ? ShortLength : LongLength;
        if (destination.Length < length)
        {
            return false;
        }

        destination[0] = cid;
        destination[1] = status;
        if (timeToStart is uint value)
        {
            LoRaBitConverter.WriteUInt24LittleEndian(destination[TimeToStartOffset..], value);
        }

        bytesWritten = length;
        return true;
    }
}

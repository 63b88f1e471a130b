using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>
/// The fields McClassCSessionAns and McClassBSessionAns share, with the one implementation of their status octet and
/// of reading and writing them through <see cref="McSessionAnsLayout"/>; the two public records differ only in CID.
/// </summary>
internal readonly record struct SessionAnswer(
    PackageVersion Version, byte McGroupId, bool DrError, bool FreqError, bool McGroupUndefined, bool StartMissed, byte FutureErrors, uint? TimeToStart)
{
    public byte Status => (byte)(McGroupId
        | CommandCodec.Flag(DrError, McSessionAnsLayout.DrErrorBit)
        | CommandCodec.Flag(FreqError, McSessionAnsLayout.FreqErrorBit)
        | CommandCodec.Flag(McGroupUndefined, McSessionAnsLayout.GroupUndefinedBit)
        | CommandCodec.Flag(StartMissed, McSessionAnsLayout.StartMissedBit)
        | (FutureErrors << McSessionAnsLayout.FutureErrorShift));

    public bool IsAccepted => !McSessionAnsLayout.HasErrors(Status, Version);

    public int GetByteCount() => McSessionAnsLayout.GetLength(Status, Version);

    public static bool TryRead(ReadOnlySpan<byte> source, byte cid, PackageVersion version, out SessionAnswer answer, out int length)
    {
        if (!McSessionAnsLayout.TryRead(source, cid, version, out byte status, out uint? timeToStart, out length))
        {
            answer = default;
            return false;
        }

        bool v2 = version == PackageVersion.V2;
        answer = new SessionAnswer(
            v2 ? PackageVersion.V2 : PackageVersion.V1,
            (byte)(status & McSessionAnsLayout.GroupMask),
            CommandCodec.Bit(status, McSessionAnsLayout.DrErrorBit),
            CommandCodec.Bit(status, McSessionAnsLayout.FreqErrorBit),
            CommandCodec.Bit(status, McSessionAnsLayout.GroupUndefinedBit),
            CommandCodec.Bit(status, McSessionAnsLayout.StartMissedBit),
            v2 ? (byte)((status >> McSessionAnsLayout.FutureErrorShift) & McSessionAnsLayout.FutureErrorBits) : (byte)0,
            timeToStart);
        return true;
    }

    public bool TryWrite(Span<byte> destination, byte cid, out int bytesWritten)
    {
        FieldGuard.Bits(McGroupId, 2);
        FieldGuard.Bits(FutureErrors, Version == PackageVersion.V2 ? 2 : 0);
        return McSessionAnsLayout.TryWrite(destination, cid, Version, Status, TimeToStart, out bytesWritten);
    }
}

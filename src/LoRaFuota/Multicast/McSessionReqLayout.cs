using System.Buffers.Binary;

namespace LoRaFuota.Multicast;

/// <summary>
/// The 11-byte layout shared by McClassCSessionReq and McClassBSessionReq (TS005 §3.4, §3.5):
/// <c>CID | RFU 7:2 McGroupID 1:0 | SessionTime u32 LE | RFU 7 Periodicity 6:4 TimeOut 3:0 | DLFreq u24 LE | DR</c>.
/// Class C leaves Periodicity as RFU (0).
/// </summary>
internal static class McSessionReqLayout
{
    public const int EncodedLength = 11;

    private const int GroupOffset = 1;
    private const int SessionTimeOffset = 2;
    private const int TimeOutOffset = 6;
    private const int FrequencyOffset = 7;
    private const int DataRateOffset = 10;
    private const int GroupMask = 0x03;      // bits 1:0
    private const int TimeOutMask = 0x0F;    // bits 3:0; brocaar/lorawan's 0x1F leaks Periodicity into it
    private const int PeriodicityShift = 4;  // bits 6:4
    private const int PeriodicityMask = 0x07;

    public static void Read(
        ReadOnlySpan<byte> source,
        out byte groupId,
        out uint sessionTime,
        out byte timeOut,
        out byte periodicity,
        out uint frequencyHz,
        out byte dataRate)
    {
        groupId = (byte)(source[GroupOffset] & GroupMask);
        sessionTime = BinaryPrimitives.ReadUInt32LittleEndian(source[SessionTimeOffset..]);
        timeOut = (byte)(source[TimeOutOffset] & TimeOutMask);
        periodicity = (byte)((source[TimeOutOffset] >> PeriodicityShift) & PeriodicityMask);
        frequencyHz = DownlinkFrequency.ToHertz(LoRaBitConverter.ReadUInt24LittleEndian(source[FrequencyOffset..]));
        dataRate = source[DataRateOffset];
    }

    public static bool TryWrite(
        Span<byte> destination,
        byte cid,
        byte groupId,
        uint sessionTime,
        byte timeOut,
        byte periodicity,
        uint frequencyHz,
        byte dataRate,
        out int bytesWritten)
    {
        FieldGuard.Bits(groupId, 2);
        FieldGuard.Bits(timeOut, 4);
        FieldGuard.Bits(periodicity, 3);
        uint rawFrequency = DownlinkFrequency.FromHertz(frequencyHz);
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = cid;
        destination[GroupOffset] = groupId;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[SessionTimeOffset..], sessionTime);
        destination[TimeOutOffset] = (byte)(timeOut | (periodicity << PeriodicityShift));
        LoRaBitConverter.WriteUInt24LittleEndian(destination[FrequencyOffset..], rawFrequency);
        destination[DataRateOffset] = dataRate;
        bytesWritten = EncodedLength;
        return true;
    }
}

using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;

namespace LoRaFuota.Tests.Fragmentation;

/// <summary>Caller mistakes throw ArgumentExceptions that name the field and what to fix.</summary>
public class CommandValidationTests
{
    private static readonly byte[] s_buffer = new byte[64];

    [Fact]
    public void TryWrite_TokenOutOfRange_NamesTheField()
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AppTimeReq(0, 16, false).TryWrite(s_buffer, out _));
        Assert.Contains("TokenReq", ex.Message, StringComparison.Ordinal);
        Assert.Contains("15", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_SetupWithoutFragments_Throws()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new FragSessionSetupReq { Version = PackageVersion.V1, FragSize = 10 }.TryWrite(s_buffer, out _));
        Assert.Contains("NbFrag", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_V2FieldsOnV1Setup_Throws() =>
        Assert.Throws<ArgumentException>(() => new FragSessionSetupReq { Version = PackageVersion.V1, NbFrag = 1, FragSize = 1, SessionCnt = 3 }.TryWrite(s_buffer, out _));

    [Fact]
    public void TryWrite_MissingVersion_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragSessionStatusAns().TryWrite(s_buffer, out _));

    [Fact]
    public void TryWrite_SessionAnsWithErrorAndTimeToStart_Throws() =>
        Assert.Throws<ArgumentException>(() => new McClassCSessionAns { Version = PackageVersion.V1, DrError = true, TimeToStart = 5 }.TryWrite(s_buffer, out _));

    [Fact]
    public void TryWrite_FrequencyNotOn100Hz_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new McClassCSessionReq { DlFrequencyHz = 868_100_001 }.TryWrite(s_buffer, out _));

    [Fact]
    public void DataFragment_WriteHeader_PutsIndexInTheTopBits()
    {
        // TS004 §3.2 examples: N = 1024, FragIndex 2 -> 08 00 84; N = 513, FragIndex 3 -> 08 01 C2.
        DataFragment.WriteHeader(s_buffer, 2, 1024);
        Assert.Equal(new byte[] { 0x08, 0x00, 0x84 }, s_buffer[..3]);
        DataFragment.WriteHeader(s_buffer, 3, 513);
        Assert.Equal(new byte[] { 0x08, 0x01, 0xC2 }, s_buffer[..3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataFragment.WriteHeader(s_buffer, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataFragment.WriteHeader(s_buffer, 0, 16384));
    }

    [Fact]
    public void DataFragment_TryRead_PayloadIsAViewOfTheSource()
    {
        byte[] frame = [0x08, 0x01, 0xC2, 9, 8, 7];
        Assert.True(DataFragment.TryRead(frame, out DataFragment fragment, out int consumed));
        Assert.Equal(6, consumed);
        Assert.Equal(513, fragment.N);
        Assert.Equal(3, fragment.FragIndex);
        Assert.Equal(new byte[] { 9, 8, 7 }, fragment.Payload.ToArray());
        Assert.False(DataFragment.TryRead(frame.AsSpan(0, 2), out _, out consumed));
        Assert.Equal(0, consumed);
    }

    // Found by afl-fuzz through SharpFuzz (payload target): a 400-byte DataFragment decoded, but could not be encoded
    // back. FragSize is one octet, so a fragment payload is at most 255 bytes both ways.
    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public void DataFragment_PayloadOver255Bytes_IsNotAFragment(int length, bool reads)
    {
        byte[] frame = new byte[3 + length];
        frame[0] = DataFragment.Cid;
        frame[1] = 1;

        Assert.Equal(reads, DataFragment.TryRead(frame, out _, out int consumed));
        Assert.Equal(reads ? frame.Length : 0, consumed);
    }

    [Fact]
    public void DataFragment_WritingMoreThan255PayloadBytes_Throws()
    {
        byte[] payload = new byte[256];

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new DataFragment(0, 1, payload).TryWrite(new byte[300], out _));

        Assert.Contains("at most 255 payload bytes", ex.Message, StringComparison.Ordinal);
    }
}

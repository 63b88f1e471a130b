using LoRaFuota.Multicast;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Multicast;

/// <summary>When TimeToStart is present in McClassC/BSessionAns: bits 2–4 decide in v1, bits 2–7 in v2.</summary>
public class McSessionAnsTests
{
    [Theory]
    [InlineData("0421", 2, false, null)]          // v2 StartMissed alone: an error, no TimeToStart (ChirpStack wrongly wants 5 bytes)
    [InlineData("0441", 2, false, null)]          // v2 future error bit 6
    [InlineData("0401e80300", 5, true, 1000u)]    // accepted, 1000 s to go
    [InlineData("0400ffffff", 5, true, 0xFFFFFFu)] // saturated: the device clock is off
    public void V2_ErrorBitsRemoveTimeToStart(string hex, int length, bool accepted, uint? timeToStart)
    {
        Assert.True(McClassCSessionAns.TryRead(Hex.Bytes(hex), PackageVersion.V2, out McClassCSessionAns answer, out int consumed));

        Assert.Equal(length, consumed);
        Assert.Equal(accepted, answer.IsAccepted);
        Assert.Equal(timeToStart, answer.TimeToStart);
    }

    [Fact]
    public void V1_StartMissedFromLoRaBasicsModem_KeepsTimeToStart()
    {
        Assert.True(McClassBSessionAns.TryRead(Hex.Bytes("0522e80300"), PackageVersion.V1, out McClassBSessionAns answer, out int consumed));

        Assert.Equal(5, consumed);
        Assert.True(answer.StartMissed);
        Assert.True(answer.IsAccepted); // v1 counts bits 2–4 only
        Assert.Equal(1000u, answer.TimeToStart);
        Assert.Equal(2, answer.McGroupId);
    }

    [Fact]
    public void ClassBAndClassC_ShareTheLayoutButNotTheCid()
    {
        Assert.False(McClassBSessionAns.TryRead(Hex.Bytes("0401e80300"), PackageVersion.V2, out _, out _));
        Assert.False(McClassCSessionAns.TryRead(Hex.Bytes("0501e80300"), PackageVersion.V2, out _, out _));
    }

    [Fact]
    public void TryRead_LongFormCutShort_IsRejected() =>
        Assert.False(McClassCSessionAns.TryRead(Hex.Bytes("0401e803"), PackageVersion.V1, out _, out _));
}

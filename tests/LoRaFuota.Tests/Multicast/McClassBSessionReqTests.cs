using LoRaFuota.Multicast;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Multicast;

/// <summary>The TimeOut/Periodicity octet of McClassBSessionReq, which one peer library masks wrongly.</summary>
public class McClassBSessionReqTests
{
    [Fact]
    public void TryRead_OddPeriodicity_DoesNotLeakIntoTimeOut()
    {
        // Octet 0x5F: Periodicity 5, TimeOut 15 (a peer decodes TimeOut 31 with its 0x1F mask).
        byte[] frame = Hex.Bytes("05" + "01" + "00000000" + "5f" + "287684" + "03");

        Assert.True(McClassBSessionReq.TryRead(frame, PackageVersion.V1, out McClassBSessionReq request, out int consumed));

        Assert.Equal(11, consumed);
        Assert.Equal(15, request.TimeOut);
        Assert.Equal(5, request.Periodicity);
        Assert.Equal(868_100_000u, request.DlFrequencyHz);
        Assert.Equal(3, request.DataRate);
    }

    [Fact]
    public void TryWrite_PutsPeriodicityInTheHighNibble()
    {
        var request = new McClassBSessionReq { McGroupId = 1, SessionTime = 0x01020304, TimeOut = 8, Periodicity = 7, DlFrequencyHz = 869_525_000, DataRate = 9 };
        byte[] buffer = new byte[11];

        Assert.True(request.TryWrite(buffer, out int written));
        Assert.Equal("050104030201" + "78" + "d2ad84" + "09", Hex.Of(buffer.AsSpan(0, written)));
    }
}

using LoRaFuota.Multicast;
using LoRaFuota.Payloads;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Multicast;

/// <summary>McGroupStatusAns records: written ascending, read in any order of distinct masked groups.</summary>
public class McGroupStatusAnsTests
{
    // Groups 0 (01020304) and 2 (0a0b0c0d), NbTotalGroups 2, mask 0b0101.
    private const string Ascending = "0125" + "0004030201" + "020d0c0b0a";
    private const string Descending = "0125" + "020d0c0b0a" + "0004030201";

    [Theory]
    [InlineData(Ascending)]
    [InlineData(Descending)]
    public void TryRead_RecordsInAnyOrder_GiveTheSameGroups(string hex)
    {
        Assert.True(McGroupStatusAns.TryRead(Hex.Bytes(hex), PackageVersion.V1, out McGroupStatusAns answer, out int consumed));

        Assert.Equal(12, consumed);
        Assert.Equal(0b0101, answer.AnsGroupMask);
        Assert.Equal(2, answer.NbTotalGroups);
        Assert.Equal(0x01020304u, answer.McAddresses[0]);
        Assert.Equal(0x0a0b0c0du, answer.McAddresses[2]);
        Assert.Equal(0u, answer.McAddresses[1]);
    }

    [Fact]
    public void TryWrite_ReorderedAnswer_WritesAscending()
    {
        McGroupStatusAns.TryRead(Hex.Bytes(Descending), PackageVersion.V2, out McGroupStatusAns answer, out _);
        byte[] buffer = new byte[12];

        Assert.True(answer.TryWrite(buffer, out int written));
        Assert.Equal(Ascending, Hex.Of(buffer.AsSpan(0, written)));
    }

    [Theory]
    [InlineData("0125" + "0004030201" + "0004030201", "group 0 twice")]
    [InlineData("0125" + "0004030201" + "010d0c0b0a", "group 1 is not in the mask")]
    [InlineData("0125" + "0004030201" + "060d0c0b0a", "no group 6")]
    [InlineData("0151" + "0004030201", "NbTotalGroups 5")]
    [InlineData("0125" + "0004030201" + "020d0c0b", "a record cut short")]
    public void TryRead_IllegalRecords_AreRejected(string hex, string why)
    {
        Assert.False(McGroupStatusAns.TryRead(Hex.Bytes(hex), PackageVersion.V1, out McGroupStatusAns answer, out int consumed), why);
        Assert.Equal(0, consumed);
        Assert.Equal(default, answer);
    }

    [Fact]
    public void PayloadReader_ReorderedRecordsThenAnotherCommand_ReadsBoth()
    {
        byte[] frame = Hex.Bytes(Descending + "0300"); // then McGroupDeleteAns for group 0
        var reader = new AppLayerPayloadReader(frame, AppLayerPackage.MulticastSetup, PackageVersion.V2, LinkDirection.Uplink);

        Assert.True(reader.Read());
        Assert.Equal(AppLayerCommand.McGroupStatusAns, reader.Command);
        Assert.True(reader.Read());
        Assert.Equal(AppLayerCommand.McGroupDeleteAns, reader.Command);
        Assert.False(reader.Read());
        Assert.Equal(System.Buffers.OperationStatus.Done, reader.Status);
    }

    [Fact]
    public void PayloadReader_RepeatedGroup_IsAnInvalidCommandAtItsOffset()
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes("0125" + "0004030201" + "0004030201"), AppLayerPackage.MulticastSetup, PackageVersion.V1, LinkDirection.Uplink);

        Assert.False(reader.Read());
        Assert.Equal(System.Buffers.OperationStatus.InvalidData, reader.Status);
        Assert.Equal(0, reader.ErrorOffset);
    }
}

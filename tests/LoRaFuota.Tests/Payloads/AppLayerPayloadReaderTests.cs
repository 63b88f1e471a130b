using System.Buffers;
using FsCheck;
using FsCheck.Xunit;
using LoRaFuota.Payloads;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Payloads;

public class AppLayerPayloadReaderTests
{
    [Theory]
    [InlineData("0503010204051f", 2)] // TS005 v1: two McClassBSessionAns (brocaar TestUnmarshalCommands)
    [InlineData("000201", 1)]
    [InlineData("", 0)]
    public void Read_ValidFrame_ReadsEveryCommand(string hex, int count)
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes(hex), AppLayerPackage.MulticastSetup, PackageVersion.V1, LinkDirection.Uplink);
        int seen = 0;
        while (reader.Read())
        {
            seen++;
        }

        Assert.Equal(count, seen);
        Assert.Equal(OperationStatus.Done, reader.Status);
        Assert.Equal(-1, reader.ErrorOffset);
        Assert.Null(reader.Error);
    }

    [Theory]
    [InlineData("05030102", 0)]         // McClassBSessionAns without its last TimeToStart octet
    [InlineData("050301020405", 5)]     // second answer has no status octet
    [InlineData("0123", 0)]             // McGroupStatusAns announcing 2 records, none present
    public void Read_TruncatedCommand_ReportsNeedMoreDataAtItsOffset(string hex, int offset)
    {
        byte[] bytes = Hex.Bytes(hex);
        var reader = new AppLayerPayloadReader(bytes, AppLayerPackage.MulticastSetup, PackageVersion.V1, LinkDirection.Uplink);
        while (reader.Read())
        {
        }

        Assert.Equal(OperationStatus.NeedMoreData, reader.Status);
        Assert.Equal(offset, reader.ErrorOffset);
        Assert.Equal(offset, reader.BytesConsumed);
        Assert.Equal("truncated command", reader.Error);
    }

    [Fact]
    public void Read_UnknownCid_StopsWithInvalidDataAtTheCid()
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes("0001010909"), AppLayerPackage.ClockSync, PackageVersion.V1, LinkDirection.Uplink);

        Assert.True(reader.Read());
        Assert.Equal(AppLayerCommand.PackageVersionAns, reader.Command);
        Assert.False(reader.Read());
        Assert.Equal(OperationStatus.InvalidData, reader.Status);
        Assert.Equal(3, reader.ErrorOffset);
        Assert.Equal("unknown command identifier", reader.Error);
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("0800000102", AppLayerPackage.Fragmentation, 0)]                 // DataFragment with N = 0
    [InlineData("02000000080000000000000000", AppLayerPackage.Fragmentation, 0)] // FragSessionSetupReq with NbFrag = 0
    public void Read_IllegalValue_ReportsInvalidData(string hex, AppLayerPackage package, int offset)
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes(hex), package, PackageVersion.V1, LinkDirection.Downlink);
        while (reader.Read())
        {
        }

        Assert.Equal(OperationStatus.InvalidData, reader.Status);
        Assert.Equal(offset, reader.ErrorOffset);
        Assert.Equal("illegal field value", reader.Error);
    }

    [Fact]
    public void Read_McGroupStatusAnsWithMoreThanFourGroups_IsIllegal()
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes("0150"), AppLayerPackage.MulticastSetup, PackageVersion.V1, LinkDirection.Uplink);

        Assert.False(reader.Read());
        Assert.Equal(OperationStatus.InvalidData, reader.Status);
    }

    [Fact]
    public void Read_DataFragmentAfterAnotherCommand_IsInvalid()
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes("0008010001"), AppLayerPackage.Fragmentation, PackageVersion.V1, LinkDirection.Downlink);

        Assert.True(reader.Read());
        Assert.False(reader.Read());
        Assert.Equal(OperationStatus.InvalidData, reader.Status);
        Assert.Equal(1, reader.ErrorOffset);
    }

    [Theory]
    [InlineData("0421", PackageVersion.V2, 2)] // v2: StartMissed alone removes TimeToStart (ChirpStack rejects this)
    [InlineData("0421000000", PackageVersion.V1, 5)] // v1: bit 5 is not an error bit, TimeToStart follows
    public void Read_SessionAnsPresenceRule_DependsOnVersion(string hex, PackageVersion version, int length)
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes(hex), AppLayerPackage.MulticastSetup, version, LinkDirection.Uplink);

        Assert.True(reader.Read());
        Assert.Equal(length, reader.CommandBytes.Length);
        Assert.Equal(OperationStatus.Done, reader.Status);
    }

    [Theory]
    [InlineData("0104000000", 5)]   // LoRa Basics Modem: status then three zero octets
    [InlineData("0104", 2)]         // the v2 specification: status only
    [InlineData("01040003020104", 2)] // status only, then PackageVersionAns 00 03 02 and another status
    public void Read_V2MissingSessionStatus_AcceptsBothForms(string hex, int length)
    {
        var reader = new AppLayerPayloadReader(Hex.Bytes(hex), AppLayerPackage.Fragmentation, PackageVersion.V2, LinkDirection.Uplink);

        Assert.True(reader.Read());
        Assert.Equal(AppLayerCommand.FragSessionStatusAns, reader.Command);
        Assert.Equal(length, reader.CommandBytes.Length);
    }

    [Property(MaxTest = 500)]
    public bool Read_RandomBytes_NeverThrowsAndStaysInBounds(byte[] bytes, byte selector)
    {
        var package = (AppLayerPackage)(200 + (selector % 3));
        PackageVersion version = (selector & 4) != 0 ? PackageVersion.V2 : PackageVersion.V1;
        LinkDirection direction = (selector & 8) != 0 ? LinkDirection.Uplink : LinkDirection.Downlink;
        var reader = new AppLayerPayloadReader(bytes ?? [], package, version, direction);
        int last = 0;
        while (reader.Read())
        {
            Assert.True(reader.BytesConsumed > last);
            last = reader.BytesConsumed;
        }

        Assert.InRange(reader.BytesConsumed, 0, (bytes ?? []).Length);
        return reader.Status == OperationStatus.Done
            ? reader.BytesConsumed == (bytes ?? []).Length
            : reader.ErrorOffset == reader.BytesConsumed && reader.Error is not null;
    }

    [Fact]
    public void Constructor_UndefinedVersion_ThrowsArgumentException() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AppLayerPayloadReader([], AppLayerPackage.ClockSync, (PackageVersion)3, LinkDirection.Uplink));
}

using LoRaFuota.Campaigns;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Packages;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.FirmwareManagement;

public sealed class DevVersionTests
{
    // TS006 DevVersionAns as deployed stacks write it: CID, major, minor, patch, revision, HWversion u32 LE.
    [Theory]
    [InlineData("01020304050a000000", 0x05040302u, 10u)]
    [InlineData("0100000000ffffffff", 0u, 0xFFFFFFFFu)]
    public void DevVersionAns_ReadsAndWritesTheWireBytes(string hex, uint firmware, uint hardware)
    {
        Assert.True(DevVersionAns.TryRead(Hex.Bytes(hex), PackageVersion.V1, out DevVersionAns answer, out int consumed));
        Assert.Equal(9, consumed);
        Assert.Equal(new DevVersionAns(firmware, hardware), answer);
        Assert.Equal(hex, Hex.Of(answer.ToArray()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01020304")]
    [InlineData("0201020304050a0000")]
    public void DevVersionAns_TruncatedOrOtherCommand_ConsumesNothing(string hex)
    {
        Assert.False(DevVersionAns.TryRead(Hex.Bytes(hex), PackageVersion.V1, out DevVersionAns answer, out int consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(default, answer);
    }

    [Fact]
    public void DevVersionReq_IsTheCidAlone()
    {
        Assert.Equal("01", Hex.Of(default(DevVersionReq).ToArray()));
        Assert.True(DevVersionReq.TryRead([0x01], PackageVersion.V1, out _, out int consumed));
        Assert.Equal(1, consumed);
        Assert.False(default(DevVersionReq).TryWrite([], out int written));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData("2.1.0", "2.1.0")]
    [InlineData("2.1", "2.1.0")]
    [InlineData("3", "3.0.0")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("1.2.3.0", "1.2.3")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    public void DevVersionProtocol_NormalizesVersionsAsReportsSpellThem(string version, string normalized)
    {
        Assert.True(DevVersionProtocol.Default.TryNormalize(version, out string actual));
        Assert.Equal(normalized, actual);
        Assert.True(DevVersionProtocol.TryEncode(version, out uint firmware));
        Assert.True(DevVersionProtocol.Default.TryReadReport(new DevVersionAns(firmware, 0).ToArray(), out string reported));
        Assert.Equal(normalized, reported);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0")]
    [InlineData("1.0-beta")]
    [InlineData("1..2")]
    [InlineData("-1.0")]
    public void DevVersionProtocol_VersionsFourBytesCannotHold_AreRefused(string version)
    {
        Assert.False(DevVersionProtocol.Default.TryNormalize(version, out _));
    }

    [Fact]
    public void DevVersionProtocol_WritesDevVersionReqAndRefusesNonReports()
    {
        Span<byte> buffer = stackalloc byte[8];

        Assert.Equal(1, DevVersionProtocol.Default.WriteRequest(buffer));
        Assert.Equal(0x01, buffer[0]);
        Assert.Equal(203, DevVersionProtocol.Default.FPort);
        Assert.False(DevVersionProtocol.Default.TryReadReport([0x01, 0x02], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DevVersionProtocol(224));
    }
}

[FsCheck.Xunit.Properties(MaxTest = 200)]
public sealed class DevVersionProperties
{
    [FsCheck.Xunit.Property]
    public bool DevVersionAns_RoundTripsAndEveryTruncationFails(uint firmware, uint hardware)
    {
        var answer = new DevVersionAns(firmware, hardware);
        byte[] bytes = answer.ToArray();
        for (int length = 0; length < bytes.Length; length++)
        {
            if (DevVersionAns.TryRead(bytes.AsSpan(0, length), PackageVersion.V1, out _, out int consumed) || consumed != 0)
            {
                return false;
            }
        }

        return bytes.Length == DevVersionAns.EncodedLength
            && DevVersionAns.TryRead(bytes, PackageVersion.V1, out DevVersionAns read, out int used) && read == answer && used == bytes.Length;
    }

    [FsCheck.Xunit.Property]
    public bool DevVersionProtocol_AnyFourBytesReportAVersionThatEncodesBack(uint firmware)
    {
        return DevVersionProtocol.Default.TryReadReport(new DevVersionAns(firmware, 0).ToArray(), out string version)
            && DevVersionProtocol.TryEncode(version, out uint encoded) && encoded == firmware;
    }
}

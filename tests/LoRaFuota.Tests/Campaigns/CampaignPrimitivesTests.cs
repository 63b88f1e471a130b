using LoRaFuota.Campaigns;
using LoRaFuota.Security;

namespace LoRaFuota.Tests.Campaigns;

public sealed class CampaignPrimitivesTests
{
    [Theory]
    [InlineData("70b3d57ed0000001", 0x70B3D57ED0000001UL)]
    [InlineData("70B3D57ED000ABCD", 0x70B3D57ED000ABCDUL)]
    public void DevEui_Parse_ReadsSixteenHexDigitsAndPrintsLowercase(string text, ulong value)
    {
        DevEui eui = DevEui.Parse(text);

        Assert.Equal(value, eui.Value);
        Assert.Equal(text.ToLowerInvariant(), eui.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("70b3d57ed000000")]
    [InlineData("70b3d57ed00000011")]
    [InlineData("70b3d57ed000000g")]
    [InlineData("0x70b3d57ed00000")]
    public void DevEui_BadText_IsRejected(string text)
    {
        Assert.False(DevEui.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => DevEui.Parse(text));
    }

    [Fact]
    public void FirmwareImage_ComputesTheSha256AndChecksAGivenOne()
    {
        byte[] content = [1, 2, 3];
        var image = new FirmwareImage(content, "t", "1.0.0");

        Assert.Equal("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", image.Sha256);
        Assert.Equal(image.Sha256, new FirmwareImage(content, "t", "1.0.0", sha256: image.Sha256.ToUpperInvariant()).Sha256);
        Assert.Throws<ArgumentException>(() => new FirmwareImage(content, "t", "1.0.0", sha256: new string('0', 64)));
        Assert.Throws<ArgumentException>(() => new FirmwareImage(Array.Empty<byte>(), "t", "1.0.0"));
        Assert.Throws<ArgumentException>(() => new FirmwareImage(content, " ", "1.0.0"));
        Assert.Throws<ArgumentException>(() => new FirmwareImage(content, "t", ""));
    }

    [Theory]
    [InlineData(OtaState.Queued, DeviceFailureReason.None, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.Initial)]
    [InlineData(OtaState.Downloading, DeviceFailureReason.None, Lwm2mUpdateState.Downloading, Lwm2mUpdateResult.Initial)]
    [InlineData(OtaState.Verified, DeviceFailureReason.None, Lwm2mUpdateState.Downloaded, Lwm2mUpdateResult.Initial)]
    [InlineData(OtaState.Updating, DeviceFailureReason.None, Lwm2mUpdateState.Updating, Lwm2mUpdateResult.Initial)]
    [InlineData(OtaState.Updated, DeviceFailureReason.None, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.Success)]
    [InlineData(OtaState.Failed, DeviceFailureReason.MicError, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.IntegrityCheckFailure)]
    [InlineData(OtaState.Failed, DeviceFailureReason.Cancelled, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.Cancelled)]
    [InlineData(OtaState.Failed, DeviceFailureReason.NotEnoughMemory, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.NotEnoughFlash)]
    [InlineData(OtaState.Failed, DeviceFailureReason.MemoryError, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.OutOfRam)]
    [InlineData(OtaState.Failed, DeviceFailureReason.MissingFragments, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.ConnectionLost)]
    [InlineData(OtaState.Failed, DeviceFailureReason.PackageUnsupported, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.UnsupportedProtocol)]
    [InlineData(OtaState.Failed, DeviceFailureReason.UpdateFailed, Lwm2mUpdateState.Idle, Lwm2mUpdateResult.UpdateFailed)]
    public void Lwm2m_MapsStatesAndReasons(OtaState state, DeviceFailureReason reason, Lwm2mUpdateState lwm2mState, Lwm2mUpdateResult result)
    {
        Assert.Equal(lwm2mState, Lwm2mFirmwareUpdate.GetState(state));
        Assert.Equal(result, Lwm2mFirmwareUpdate.GetResult(state, reason));
    }

    [Fact]
    public void Lwm2m_EveryFailureReasonMapsToAFailureResult()
    {
        foreach (DeviceFailureReason reason in Enum.GetValues<DeviceFailureReason>().Where(r => r != DeviceFailureReason.None))
        {
            Lwm2mUpdateResult result = Lwm2mFirmwareUpdate.GetResult(OtaState.Failed, reason);
            Assert.True(result >= Lwm2mUpdateResult.NotEnoughFlash && result <= Lwm2mUpdateResult.Cancelled, $"{reason} → {result}");
        }
    }

    [Fact]
    public void DeviceKeyStore_EncryptsTheMcKeySoTheDeviceRecoversIt()
    {
        var store = new DeviceKeyStore();
        var eui = new DevEui(7);
        Key128 genAppKey = Key128.Parse("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        Key128 mcKey = Key128.Parse("0123456789abcdef0123456789abcdef");
        store.Add(eui, RootKeyKind.GenAppKey, genAppKey);

        Assert.True(store.TryEncryptMcKey(eui, mcKey, out Key128 encrypted));

        Key128 mcKEKey = MulticastKeys.DeriveMcKEKey(MulticastKeys.DeriveMcRootKeyFromGenAppKey(genAppKey));
        Assert.Equal(mcKey, MulticastKeys.DecryptMcKey(mcKEKey, encrypted));
        Assert.False(store.TryEncryptMcKey(new DevEui(8), mcKey, out _));
    }

    [Fact]
    public void DeviceKeyStore_MicMatchesTheDataBlockIntegrityOfTheRootKey()
    {
        var store = new DeviceKeyStore();
        var eui = new DevEui(7);
        Key128 appKey = Key128.Parse("00112233445566778899aabbccddeeff");
        store.Add(eui, RootKeyKind.AppKey, appKey);
        byte[] block = [1, 2, 3, 4, 5];

        Assert.True(store.TryComputeDataBlockMic(eui, 3, 1, 0x11223344, block, out uint mic));

        Assert.Equal(DataBlockIntegrity.ComputeMic(DataBlockIntegrity.DeriveDataBlockIntKey(appKey), 3, 1, 0x11223344, block), mic);
    }

    [Fact]
    public void DeviceKeyStore_McRootKey_HasNoDataBlockKey()
    {
        var store = new DeviceKeyStore();
        store.Add(new DevEui(7), RootKeyKind.McRootKey, default);

        Assert.True(store.TryEncryptMcKey(new DevEui(7), default, out _));
        Assert.False(store.TryComputeDataBlockMic(new DevEui(7), 0, 0, 0, [1], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Add(new DevEui(7), (RootKeyKind)9, default));
    }
}

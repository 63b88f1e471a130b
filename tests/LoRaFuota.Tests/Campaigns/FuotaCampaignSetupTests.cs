using LoRaFuota.Campaigns;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Security;

namespace LoRaFuota.Tests.Campaigns;

public sealed class FuotaCampaignSetupTests
{
    [Fact]
    public void Advance_FirstCall_AsksEveryDeviceForEachPackageVersion()
    {
        var h = CampaignHarness.Create(devices: 3);

        h.Begin();

        foreach (DevEui eui in h.Devices)
        {
            Assert.Equal(OtaState.Initiated, h.State(eui));
            Assert.Equal([200, 201, 202], h.Unicast(eui, "PackageVersionReq").Select(d => (int)d.FPort).Order());
            Assert.All(h.Unicast(eui), d => Assert.Equal([AppLayerCommand.PackageVersionReq], CampaignHarness.Commands(d, PackageVersion.V1)));
        }
    }

    [Fact]
    public void Advance_DeclaredVersions_SkipsNegotiationAndSetsUpAtOnce()
    {
        var h = CampaignHarness.Create(devices: 1, o =>
        {
            foreach (CampaignDevice device in o.Devices)
            {
                device.ClockSyncVersion = device.FragmentationVersion = device.MulticastSetupVersion = PackageVersion.V2;
            }
        });

        h.Begin();

        DevEui eui = h.Devices[0];
        Assert.Empty(h.Unicast(eui, "PackageVersionReq"));
        Assert.Single(h.Unicast(eui, "McGroupSetupReq"));
        Assert.Single(h.Unicast(eui, "FragSessionSetupReq"));
    }

    [Fact]
    public void PackageVersionAns_V2Everywhere_SendsGroupAndV2SessionSetup()
    {
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();

        h.AnswerVersions(eui, PackageVersion.V2);

        UnicastDownlink groupSetup = h.LastUnicast(eui, "McGroupSetupReq");
        Assert.True(McGroupSetupReq.TryRead(groupSetup.Payload.Span, PackageVersion.V2, out McGroupSetupReq group, out _));
        Assert.Equal(CampaignHarness.McAddr, group.McAddr);
        Key128 mcKEKey = MulticastKeys.DeriveMcKEKey(MulticastKeys.DeriveMcRootKeyFromGenAppKey(CampaignHarness.RootKey(eui)));
        Assert.Equal(CampaignHarness.McKey, MulticastKeys.DecryptMcKey(mcKEKey, group.McKeyEncrypted)); // the device recovers the McKey
        Assert.True(group.MaxMcFCnt > group.MinMcFCnt);

        UnicastDownlink fragSetup = h.LastUnicast(eui, "FragSessionSetupReq");
        Assert.Equal(FragSessionSetupReq.EncodedLengthV2, fragSetup.Payload.Length);
        Assert.True(FragSessionSetupReq.TryRead(fragSetup.Payload.Span, PackageVersion.V2, out FragSessionSetupReq setup, out _));
        Assert.Equal(h.Campaign.Plan.NbFrag, setup.NbFrag);
        Assert.Equal(h.Campaign.Plan.FragmentSize, setup.FragSize);
        Assert.Equal(h.Campaign.Plan.Padding, setup.Padding);
        Assert.Equal(0xA1B2C3D4u, setup.Descriptor); // the image's descriptor, not zero (ChirpStack #717, #846)
        Assert.Equal(1, setup.McGroupBitMask);
        Assert.True(setup.AckReception);
        Key128 dataBlockIntKey = DataBlockIntegrity.DeriveDataBlockIntKey(CampaignHarness.RootKey(eui));
        Assert.Equal(DataBlockIntegrity.ComputeMic(dataBlockIntKey, setup.SessionCnt, setup.FragIndex, setup.Descriptor, h.Options.Image!.Content.Span), setup.Mic);
    }

    [Fact]
    public void PackageVersionAns_V1Device_GetsTheElevenByteV1Setup()
    {
        // LoRa Basics Modem #116: a v2 FragSessionSetupReq misparsed by a v1 device. Negotiation prevents it.
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();

        h.AnswerVersions(eui, PackageVersion.V1);

        UnicastDownlink fragSetup = h.LastUnicast(eui, "FragSessionSetupReq");
        Assert.Equal(FragSessionSetupReq.EncodedLengthV1, fragSetup.Payload.Length);
        Assert.Equal([AppLayerCommand.FragSessionSetupReq], CampaignHarness.Commands(fragSetup, PackageVersion.V1));
        Assert.Equal(PackageVersion.V1, h.Campaign.GetDevice(eui).FragmentationVersion);
    }

    [Theory]
    [InlineData(201, PackageVersionAns.ClockSyncIdentifier, 2)] // the TS003 identifier on the TS004 port
    [InlineData(200, PackageVersionAns.MulticastSetupIdentifier, 3)] // a version this engine does not speak
    public void PackageVersionAns_WrongPackageOrVersion_FailsPackageUnsupported(byte port, byte identifier, byte version)
    {
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();

        h.Uplink(eui, port, new PackageVersionAns(identifier, version).ToArray());

        Assert.Equal(OtaState.Failed, h.State(eui));
        Assert.Equal(DeviceFailureReason.PackageUnsupported, h.Reason(eui));
    }

    [Fact]
    public void Timeout_NoAnswer_RetriesThenFailsWithTimeout()
    {
        var h = CampaignHarness.Create(devices: 1, o => o.UnicastRetries = 2);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.Uplink(eui, 202, new PackageVersionAns(PackageVersionAns.ClockSyncIdentifier, 2).ToArray());
        h.Uplink(eui, 200, new PackageVersionAns(PackageVersionAns.MulticastSetupIdentifier, 2).ToArray());

        h.Advance(TimeSpan.FromMinutes(10)); // within the 11-minute answer timeout: nothing resent
        Assert.Single(h.Unicast(eui), d => d.FPort == 201);
        h.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, h.Unicast(eui).Count(d => d.FPort == 201));
        h.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(3, h.Unicast(eui).Count(d => d.FPort == 201));
        Assert.Equal(OtaState.Initiated, h.State(eui));

        h.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(3, h.Unicast(eui).Count(d => d.FPort == 201)); // retries + 1 sends, no more
        Assert.Equal(DeviceFailureReason.Timeout, h.Reason(eui));
    }

    [Fact]
    public void Timeout_NoClockSyncAnswer_TheDeviceGoesOnWithoutTs003()
    {
        var h = CampaignHarness.Create(devices: 1, o => o.UnicastRetries = 0);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.Uplink(eui, 201, new PackageVersionAns(PackageVersionAns.FragmentationIdentifier, 2).ToArray());
        h.Uplink(eui, 200, new PackageVersionAns(PackageVersionAns.MulticastSetupIdentifier, 2).ToArray());

        h.Advance(TimeSpan.FromMinutes(12));

        Assert.Equal(OtaState.Initiated, h.State(eui));
        Assert.Single(h.Unicast(eui, "FragSessionSetupReq"));
        Assert.Null(h.Campaign.GetDevice(eui).ClockSyncVersion);
    }

    public static TheoryData<FragSessionSetupAns, DeviceFailureReason> SetupRejections => new()
    {
        { new FragSessionSetupAns { Version = PackageVersion.V2, EncodingUnsupported = true }, DeviceFailureReason.FragAlgoUnsupported },
        { new FragSessionSetupAns { Version = PackageVersion.V2, NotEnoughMemory = true }, DeviceFailureReason.NotEnoughMemory },
        { new FragSessionSetupAns { Version = PackageVersion.V2, FragIndexUnsupported = true }, DeviceFailureReason.FragIndexUnsupported },
        { new FragSessionSetupAns { Version = PackageVersion.V2, WrongDescriptor = true }, DeviceFailureReason.WrongDescriptor },
        { new FragSessionSetupAns { Version = PackageVersion.V2, SessionCntReplay = true }, DeviceFailureReason.SessionCntReplay },
    };

    [Theory]
    [MemberData(nameof(SetupRejections))]
    public void FragSessionSetupAns_ErrorBit_FailsWithItsReasonAndTearsDownTheGroup(FragSessionSetupAns answer, DeviceFailureReason reason)
    {
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);
        h.Uplink(eui, 200, new McGroupSetupAns(0, IdError: false).ToArray());

        h.Uplink(eui, 201, answer.ToArray());

        Assert.Equal(reason, h.Reason(eui));
        Assert.Single(h.Unicast(eui, "McGroupDeleteReq")); // never asked to join: its group goes at once
        Assert.Single(h.Unicast(eui, "FragSessionDeleteReq"));
    }

    [Fact]
    public void McGroupSetupAns_IdError_FailsMcGroupUnsupported()
    {
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);

        h.Uplink(eui, 200, new McGroupSetupAns(0, IdError: true).ToArray());

        Assert.Equal(DeviceFailureReason.McGroupUnsupported, h.Reason(eui));
    }

    [Fact]
    public void Setup_McGroupIdAndFragIndex_AreTheOnesConfigured()
    {
        // ChirpStack v4 hard-codes group 0 and FragIndex 0; several sessions on one device need others.
        var h = CampaignHarness.Create(devices: 1, o =>
        {
            o.McGroupId = 2;
            o.FragIndex = 3;
        });
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);

        Assert.True(McGroupSetupReq.TryRead(h.LastUnicast(eui, "McGroupSetupReq").Payload.Span, PackageVersion.V2, out McGroupSetupReq group, out _));
        Assert.True(FragSessionSetupReq.TryRead(h.LastUnicast(eui, "FragSessionSetupReq").Payload.Span, PackageVersion.V2, out FragSessionSetupReq setup, out _));
        Assert.Equal(2, group.McGroupId);
        Assert.Equal(3, setup.FragIndex);
        Assert.Equal(1 << 2, setup.McGroupBitMask);
    }

    [Fact]
    public void Setup_NextSessionCnt_IsUsedAndReported()
    {
        var h = CampaignHarness.Create(devices: 1, o => o.Devices[0].NextSessionCnt = 41);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);

        Assert.True(FragSessionSetupReq.TryRead(h.LastUnicast(eui, "FragSessionSetupReq").Payload.Span, PackageVersion.V2, out FragSessionSetupReq setup, out _));
        Assert.Equal(41, setup.SessionCnt);
        Assert.Equal((ushort)41, h.Campaign.GetDevice(eui).SessionCnt);
    }

    [Fact]
    public void Setup_McRootKeyOnly_V1WorksAndV2FailsKeyUnavailable()
    {
        // ChirpStack #740: a device without GenAppKey. With its McRootKey, multicast setup works; the v2 MIC cannot.
        var h = CampaignHarness.Create(devices: 2);
        DevEui v1 = h.Devices[0];
        DevEui v2 = h.Devices[1];
        h.Keys.Add(v1, RootKeyKind.McRootKey, CampaignHarness.RootKey(v1));
        h.Keys.Add(v2, RootKeyKind.McRootKey, CampaignHarness.RootKey(v2));
        h.Begin();

        h.AnswerVersions(v1, PackageVersion.V1);
        h.AnswerVersions(v2, PackageVersion.V2);

        Assert.Single(h.Unicast(v1, "FragSessionSetupReq"));
        Assert.Equal(OtaState.Initiated, h.State(v1));
        Assert.Equal(DeviceFailureReason.KeyUnavailable, h.Reason(v2));
    }

    [Theory]
    [InlineData(ClockSyncPolicy.AboveThreshold, 0, false, false)]
    [InlineData(ClockSyncPolicy.AboveThreshold, 0, true, true)]   // AnsRequired
    [InlineData(ClockSyncPolicy.AboveThreshold, 5, false, true)]  // off by more than the 4 s threshold
    [InlineData(ClockSyncPolicy.AboveThreshold, 3, false, false)]
    [InlineData(ClockSyncPolicy.Always, 0, false, true)]
    public void AppTimeReq_AnsweredByPolicy(ClockSyncPolicy policy, int deviceBehindSeconds, bool ansRequired, bool answered)
    {
        var h = CampaignHarness.Create(devices: 1, o => o.ClockSyncPolicy = policy);
        DevEui eui = h.Devices[0];
        h.Begin();
        uint deviceTime = (uint)(GpsTime.FromDateTimeOffset(h.Now) - deviceBehindSeconds);

        h.Uplink(eui, 202, new AppTimeReq(deviceTime, TokenReq: 5, ansRequired).ToArray());

        UnicastDownlink[] answers = [.. h.Unicast(eui, "AppTimeAns")];
        Assert.Equal(answered, answers.Length == 1);
        if (answered)
        {
            Assert.True(AppTimeAns.TryRead(answers[0].Payload.Span, PackageVersion.V2, out AppTimeAns answer, out _));
            Assert.Equal(deviceBehindSeconds, answer.TimeCorrection);
            Assert.Equal(5, answer.TokenAns);
        }
    }
}

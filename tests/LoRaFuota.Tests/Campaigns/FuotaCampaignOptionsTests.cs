using LoRaFuota.Campaigns;

namespace LoRaFuota.Tests.Campaigns;

public sealed class FuotaCampaignOptionsTests
{
    public static TheoryData<string, Action<FuotaCampaignOptions>> Mistakes => new()
    {
        { "Image is required", o => o.Image = null },
        { "at least one device", o => o.Devices.Clear() },
        { "listed twice", o => o.Devices.Add(new CampaignDevice { DevEui = o.Devices[0].DevEui }) },
        { "exactly one of Redundancy", o => o.Redundancy = 3 },
        { "McGroupId and FragIndex", o => o.McGroupId = 4 },
        { "BlockAckDelay", o => o.BlockAckDelay = 8 },
        { "MaxMcFCnt", o => (o.MinMcFCnt, o.MaxMcFCnt) = (10, 9) },
        { "UnicastRetries", o => o.UnicastRetries = 11 },
        { "ResyncTransmissions", o => o.ResyncTransmissions = 0 },
        { "ClockTolerance", o => o.ClockTolerance = TimeSpan.FromMilliseconds(500) },
        { "must differ", o => o.Devices[0].ClockSyncPort = 201 },
        { "not an application port", o => o.Devices[0].FragmentationPort = 0 },
        { "UplinkInterval", o => o.Devices[0].UplinkInterval = TimeSpan.Zero },
        { "cannot be reported", o => o.Image = new FirmwareImage(new byte[10], "x", "1.0-beta") },
        { "MulticastTimeoutCode", o => o.MulticastTimeoutCode = 16 },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Create_Mistake_ThrowsArgumentExceptionThatSaysWhatToFix(string expected, Action<FuotaCampaignOptions> mistake)
    {
        var keys = new DeviceKeyStore();
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[1000], "x", "1.0.0"), RedundancyPercent = 10, DataRate = 5 };
        options.Devices.Add(new CampaignDevice { DevEui = new DevEui(1) });
        keys.Add(new DevEui(1), RootKeyKind.AppKey, default);
        mistake(options);

        var ex = Assert.Throws<ArgumentException>(() => FuotaCampaign.Create(options, keys));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SeveralMistakes_ListsEveryOne()
    {
        var options = new FuotaCampaignOptions { McGroupId = 9, BlockAckDelay = 9 };

        var ex = Assert.Throws<ArgumentException>(() => FuotaCampaign.Create(options, new DeviceKeyStore()));

        Assert.Contains("Image is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("McGroupId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BlockAckDelay", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Redundancy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DeviceWithoutKeys_NamesIt()
    {
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[1000], "x", "1.0.0"), RedundancyPercent = 10, DataRate = 5 };
        options.Devices.Add(new CampaignDevice { DevEui = new DevEui(0x42) });

        var ex = Assert.Throws<ArgumentException>(() => FuotaCampaign.Create(options, new DeviceKeyStore()));

        Assert.Contains("0000000000000042", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InfeasiblePlan_ThrowsWithThePlansReasons()
    {
        // EU868 DR0, 100 KiB, class C: 18 hours at the 10 % duty cycle, beyond the 9.1-hour TS005 limit.
        var keys = new DeviceKeyStore();
        keys.Add(new DevEui(1), RootKeyKind.AppKey, default);
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[100 * 1024], "x", "1.0.0"), RedundancyPercent = 10, DataRate = 0 };
        options.Devices.Add(new CampaignDevice { DevEui = new DevEui(1) });

        var ex = Assert.Throws<InfeasiblePlanException>(() => FuotaCampaign.Create(options, keys));

        Assert.False(ex.Plan.Feasible);
        Assert.Contains(ex.Plan.Errors, e => e.Message.Contains("2^15 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_MulticastTimeoutShorterThanTheSession_IsInfeasible()
    {
        var keys = new DeviceKeyStore();
        keys.Add(new DevEui(1), RootKeyKind.AppKey, default);
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[50_000], "x", "1.0.0"), RedundancyPercent = 10, DataRate = 5, MulticastTimeoutCode = 3 };
        options.Devices.Add(new CampaignDevice { DevEui = new DevEui(1) });

        var ex = Assert.Throws<InfeasiblePlanException>(() => FuotaCampaign.Create(options, keys));

        Assert.Contains("shorter than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ChirpStackJobParameters_AreAllExpressible()
    {
        // name, redundant frames, unicast timeout, data rate, frequency, multicast group type, multicast timeout
        var keys = new DeviceKeyStore();
        keys.Add(new DevEui(1), RootKeyKind.GenAppKey, default);
        var options = new FuotaCampaignOptions
        {
            Name = "fw-2.1",
            Image = new FirmwareImage(new byte[5000], "x", "2.1.0"),
            Redundancy = 7,
            UnicastTimeout = TimeSpan.FromMinutes(3),
            DataRate = 4,
            FrequencyHz = 869_525_000,
            Class = LoRaFuota.Planning.MulticastClass.ClassC,
            MulticastTimeoutCode = 12,
        };
        options.Devices.Add(new CampaignDevice { DevEui = new DevEui(1) });

        FuotaCampaign campaign = FuotaCampaign.Create(options, keys);

        Assert.Equal("fw-2.1", campaign.Name);
        Assert.Equal(7, campaign.Plan.Redundancy);
        Assert.Equal(869_525_000u, campaign.Plan.FrequencyHz);
        Assert.Equal(4, campaign.Plan.DataRate!.Index);
        Assert.Equal("2.1.0", campaign.TargetVersion);
    }

    [Fact]
    public void Create_TargetSuccess_ChoosesTheRedundancy()
    {
        var keys = new DeviceKeyStore();
        keys.Add(new DevEui(1), RootKeyKind.GenAppKey, default);
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[60_000], "x", "2.1.0"), TargetSuccessProbability = 0.99, ExpectedLoss = 0.05, DataRate = 5 };
        options.Devices.Add(new CampaignDevice { DevEui = new DevEui(1) });

        FuotaCampaign campaign = FuotaCampaign.Create(options, keys);

        Assert.True(campaign.Plan.SuccessProbability >= 0.99);
        Assert.InRange(campaign.Plan.Redundancy, 1, campaign.Plan.NbFrag);
    }
}

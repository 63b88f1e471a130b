using LoRaFuota.Campaigns;

namespace LoRaFuota.Tests.Campaigns;

/// <summary>Pacing (<see cref="FuotaCampaignOptions.DevicesPerMinute"/>): the fleet is contacted a minute's share at a time.</summary>
public sealed class FuotaCampaignPacingTests
{
    [Fact]
    public void Begin_TwoPerMinute_ContactsTheFirstTwoOnlyAndWakesUpAMinuteLater()
    {
        var h = CampaignHarness.Create(devices: 5, o => o.DevicesPerMinute = 2);

        h.Begin();

        Assert.Equal(h.Devices.Take(2), h.Actions.OfType<UnicastDownlink>().Select(d => d.DevEui).Distinct());
        Assert.All(h.Devices.Skip(2), eui => Assert.Equal(OtaState.Queued, h.State(eui)));
        Assert.Equal(CampaignHarness.Start + TimeSpan.FromMinutes(1), h.Last!.NextWakeUp);
    }

    [Fact]
    public void Advance_EachMinute_ContactsTheNextShareInTheOrderGiven()
    {
        var h = CampaignHarness.Create(devices: 5, o => o.DevicesPerMinute = 2);
        h.Begin();

        h.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(h.Unicast(h.Devices[2]));

        h.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEmpty(h.Unicast(h.Devices[2]));
        Assert.NotEmpty(h.Unicast(h.Devices[3]));
        Assert.Empty(h.Unicast(h.Devices[4]));

        h.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEmpty(h.Unicast(h.Devices[4]));
    }

    [Fact]
    public void Sessions_WaitForTheLastPacedDevice_AndEveryDeviceGetsTheSameSession()
    {
        var h = CampaignHarness.Create(devices: 3, o => o.DevicesPerMinute = 1);
        h.Begin();
        h.AnswerVersions(h.Devices[0]);
        h.AcceptSetup(h.Devices[0]);
        Assert.Empty(h.Unicast(h.Devices[0], "McClassCSessionReq")); // the others have not been asked yet

        h.Advance(TimeSpan.FromMinutes(1));
        h.AnswerVersions(h.Devices[1]);
        h.AcceptSetup(h.Devices[1]);
        h.Advance(TimeSpan.FromMinutes(1));
        h.AnswerVersions(h.Devices[2]);
        h.AcceptSetup(h.Devices[2]);

        Assert.All(h.Devices, eui => Assert.Single(h.Unicast(eui, "McClassCSessionReq")));
        Assert.Single(h.Devices.Select(eui => h.LastSessionRequest(eui).SessionTime).Distinct());
    }

    [Fact]
    public void Snapshot_MidPacing_ResumesWithTheNextDevice()
    {
        var h = CampaignHarness.Create(devices: 4, o => o.DevicesPerMinute = 2);
        h.Begin();
        h.Campaign = FuotaCampaign.Restore(h.Campaign.SaveSnapshot(), h.Options.Image!, h.Keys);

        h.Advance(TimeSpan.FromMinutes(1));

        Assert.All(h.Devices, eui => Assert.NotEmpty(h.Unicast(eui, "PackageVersionReq")));
        Assert.All(h.Devices, eui => Assert.Equal(3, h.Unicast(eui, "PackageVersionReq").Count())); // each asked once per package
    }

    [Fact]
    public void Cancel_BeforeTheLastShare_NeverContactsTheRest()
    {
        var h = CampaignHarness.Create(devices: 4, o => o.DevicesPerMinute = 2);
        h.Begin();
        h.Record(h.Campaign.Cancel(h.Now));

        h.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(h.Unicast(h.Devices[2], "PackageVersionReq"));
        Assert.Equal(DeviceFailureReason.Cancelled, h.Reason(h.Devices[3]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Create_DevicesPerMinuteBelowOne_IsRefused(int perMinute)
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => CampaignHarness.Create(devices: 1, o => o.DevicesPerMinute = perMinute));
        Assert.Contains("DevicesPerMinute", ex.Message, StringComparison.Ordinal);
    }
}

using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Tests.Campaigns;

public sealed class FuotaCampaignSessionTests
{
    [Fact]
    public void Sessions_LastDeviceSetUp_ScheduleTheGroupWithRoomForEveryAnswer()
    {
        var h = CampaignHarness.Create(devices: 2);
        h.Begin();
        foreach (DevEui eui in h.Devices)
        {
            h.AnswerVersions(eui);
        }

        h.AcceptSetup(h.Devices[0]);
        Assert.Empty(h.Actions.OfType<MulticastGroupCreation>()); // one device is still being set up

        h.AcceptSetup(h.Devices[1]);

        MulticastGroupCreation group = Assert.Single(h.Actions.OfType<MulticastGroupCreation>());
        Assert.Equal(CampaignHarness.McAddr, group.McAddr);
        Assert.Equal(h.Devices, group.Devices);
        TimeSpan answerTimeout = TimeSpan.FromMinutes(11); // 10-minute uplink interval + a minute
        Assert.True(group.SessionStart >= h.Now + (answerTimeout * 4), "four answer timeouts for the session request");
        foreach (DevEui eui in h.Devices)
        {
            McClassCSessionReq request = h.LastSessionRequest(eui);
            Assert.Equal(GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(group.SessionStart)), request.SessionTime);
            Assert.Equal(AppLayerTiming.GetClassCSessionTimeout(request.TimeOut), group.SessionEnd - group.SessionStart);
            Assert.Equal(h.Campaign.Plan.FrequencyHz, request.DlFrequencyHz);
            Assert.Equal(5, request.DataRate);
        }
    }

    [Fact]
    public void Sessions_KeysOfTheGroup_AreDerivedFromTheMcKeyTheDevicesGot()
    {
        var h = CampaignHarness.Create(devices: 1);
        h.RunToSession();

        MulticastGroupCreation group = Assert.Single(h.Actions.OfType<MulticastGroupCreation>());

        Assert.Equal(LoRaFuota.Security.MulticastKeys.DeriveMcAppSKey(CampaignHarness.McKey, group.McAddr), group.McAppSKey);
        Assert.Equal(LoRaFuota.Security.MulticastKeys.DeriveMcNwkSKey(CampaignHarness.McKey, group.McAddr), group.McNwkSKey);
        Assert.DoesNotContain(CampaignHarness.McKey.ToHexString(), group.ToString(), StringComparison.Ordinal); // keys print redacted
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void McClassCSessionAns_ErrorBit_FailsSessionRejected(bool drError, bool freqError, bool undefined)
    {
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);
        h.AcceptSetup(eui);

        h.Uplink(eui, 200, new McClassCSessionAns { Version = PackageVersion.V2, DrError = drError, FreqError = freqError, McGroupUndefined = undefined }.ToArray());

        Assert.Equal(DeviceFailureReason.SessionRejected, h.Reason(eui));
    }

    [Fact]
    public void McClassCSessionAns_TimeToStartOff_ResyncsTheClockThenAsksAgain()
    {
        var h = CampaignHarness.Create(devices: 1);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);
        h.AcceptSetup(eui);

        h.AcceptSession(eui, clockError: -30); // the device's clock is 30 s behind: it thinks the start is 30 s further

        UnicastDownlink resync = Assert.Single(h.Unicast(eui, "ForceDeviceResyncCmd"));
        Assert.True(ForceDeviceResyncCmd.TryRead(resync.Payload.Span, PackageVersion.V2, out ForceDeviceResyncCmd command, out _));
        Assert.Equal(3, command.NbTransmissions);
        uint deviceTime = (uint)(GpsTime.FromDateTimeOffset(h.Now) - 30);

        h.Uplink(eui, 202, new AppTimeReq(deviceTime, 0, false).ToArray());

        Assert.True(AppTimeAns.TryRead(h.LastUnicast(eui, "AppTimeAns").Payload.Span, PackageVersion.V2, out AppTimeAns correction, out _));
        Assert.Equal(30, correction.TimeCorrection);
        Assert.Equal(2, h.Unicast(eui, "McClassCSessionReq").Count()); // asked again after the correction
        h.AcceptSession(eui);
        Assert.True(h.Campaign.GetDevice(eui).State == OtaState.Initiated);
    }

    [Fact]
    public void McClassCSessionAns_StartMissedTooLateToResync_FailsClockOutOfSync()
    {
        var h = CampaignHarness.Create(devices: 1, o => o.SessionLeadTime = TimeSpan.FromMinutes(5));
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);
        h.AcceptSetup(eui);

        h.Uplink(eui, 200, new McClassCSessionAns { Version = PackageVersion.V2, StartMissed = true }.ToArray());

        Assert.Equal(DeviceFailureReason.ClockOutOfSync, h.Reason(eui));
    }

    [Fact]
    public void Fragments_GoOutOnThePlanSlotsWithRisingFrameCountersThenOnePoll()
    {
        var h = CampaignHarness.Create(devices: 1);
        h.RunToSession();
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();

        h.RunUntil(group.SessionEnd - TimeSpan.FromSeconds(1));

        MulticastDownlink[] sent = [.. h.Actions.OfType<MulticastDownlink>()];
        CampaignPlan plan = h.Campaign.Plan;
        Assert.Equal(plan.NbFrag + plan.Redundancy + 1, sent.Length);
        for (int i = 0; i < sent.Length; i++)
        {
            Assert.Equal(group.FirstFCnt + (uint)i, sent[i].FCnt);
            Assert.Equal(group.SessionStart + CampaignPlanner.SessionGuard + (plan.Spacing * i), sent[i].NotBefore);
            Assert.True(sent[i].NotBefore + sent[i].Airtime <= group.SessionEnd);
            Assert.Equal(group.SessionEnd, sent[i].ExpiresAt);
        }

        Assert.Equal(Enumerable.Range(1, plan.NbFrag + plan.Redundancy), sent.Where(d => d.Kind == MulticastPayloadKind.DataFragment).Select(d => d.FragmentNumber));
        Assert.True(FragSessionStatusReq.TryRead(sent[^1].Payload.Span, PackageVersion.V2, out FragSessionStatusReq poll, out _));
        Assert.False(poll.Participants); // only devices still missing fragments answer
        Assert.Empty(h.Actions.OfType<MulticastGroupDeletion>()); // the window is still open
    }

    [Fact]
    public void Teardown_NeverBeforeTheSessionWindowCloses()
    {
        // ChirpStack #1029 and #679: the group was deleted one uplink interval after the enqueue, mid-transfer.
        var h = CampaignHarness.Create(devices: 2);
        h.RunToSession();
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();
        h.RunUntil(group.SessionStart + TimeSpan.FromSeconds(30));
        foreach (DevEui eui in h.Devices)
        {
            h.ReportBlock(eui); // both have the block early on
            h.ReportVersion(eui, "2.1.0");
            Assert.Equal(OtaState.Updated, h.State(eui));
        }

        h.RunUntil(group.SessionEnd - TimeSpan.FromTicks(1));
        Assert.Empty(h.Actions.OfType<MulticastGroupDeletion>());
        Assert.All(h.Devices, eui => Assert.Empty(h.Unicast(eui, "McGroupDeleteReq")));

        h.RunUntil(group.SessionEnd + TimeSpan.FromTicks(1));

        Assert.Single(h.Actions.OfType<MulticastGroupDeletion>());
        DateTimeOffset deleted = h.Events.OfType<GroupClosed>().Single().At;
        Assert.True(deleted >= group.SessionEnd);
        Assert.All(h.Devices, eui => Assert.Single(h.Unicast(eui, "McGroupDeleteReq")));
        Assert.All(h.Devices, eui => Assert.Single(h.Unicast(eui, "FragSessionDeleteReq")));
    }

    [Fact]
    public void ClassB_SessionTimeOnABeaconBoundaryWithThePlannedPeriodicity()
    {
        // chirpstack-fuota-server #7 (periodicity never copied), ChirpStack #670 (inverted), unaligned SessionTime.
        var h = CampaignHarness.Create(devices: 1, o =>
        {
            o.Class = MulticastClass.ClassB;
            o.DataRate = 3;
            o.Periodicity = 4;
            o.ResyncClassB = false;
        });
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);
        h.AcceptSetup(eui);

        UnicastDownlink request = h.LastUnicast(eui, "McClassBSessionReq");
        Assert.True(McClassBSessionReq.TryRead(request.Payload.Span, PackageVersion.V2, out McClassBSessionReq session, out _));
        Assert.Equal(0u, session.SessionTime % 128);
        Assert.Equal(4, session.Periodicity);
        Assert.NotEqual(0u, session.DlFrequencyHz); // an explicit frequency, not 0 (LoRa Basics Modem #154)
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();
        Assert.Equal(4, group.Periodicity);
        Assert.Equal(MulticastClass.ClassB, group.Class);
        Assert.Equal(AppLayerTiming.GetClassBSessionTimeout(session.TimeOut), group.SessionEnd - group.SessionStart); // 128 s × 2^T, not 2^T s
    }

    [Fact]
    public void ClassB_Fragments_LandInTheGroupsPingSlots()
    {
        var h = CampaignHarness.Create(devices: 1, o =>
        {
            o.Class = MulticastClass.ClassB;
            o.DataRate = 3;
            o.ResyncClassB = false;
        }, imageSize: 800);
        DevEui eui = h.Devices[0];
        h.Begin();
        h.AnswerVersions(eui);
        h.AcceptSetup(eui);
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();

        h.RunUntil(group.SessionEnd - TimeSpan.FromSeconds(1));

        Span<TimeSpan> offsets = stackalloc TimeSpan[128];
        foreach (MulticastDownlink downlink in h.Actions.OfType<MulticastDownlink>())
        {
            long beacon = GpsTime.FromDateTimeOffset(downlink.NotBefore) / 128 * 128;
            int count = PingSlots.GetSlotOffsets(beacon, group.McAddr, group.Periodicity, offsets);
            TimeSpan into = downlink.NotBefore - GpsTime.ToDateTimeOffset(beacon);
            Assert.Contains(into, offsets[..count].ToArray());
        }
    }

    [Fact]
    public void ClassB_ResyncsBeforeTheSessionRequest()
    {
        var h = CampaignHarness.Create(devices: 1, o =>
        {
            o.Class = MulticastClass.ClassB;
            o.DataRate = 3;
        });
        DevEui eui = h.Devices[0];
        h.Begin();

        h.AnswerVersions(eui);

        Assert.Single(h.Unicast(eui, "ForceDeviceResyncCmd"));
        Assert.Empty(h.Unicast(eui, "McGroupSetupReq"));
        h.Uplink(eui, 202, new AppTimeReq(GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(h.Now)), 0, false).ToArray());
        Assert.Single(h.Unicast(eui, "McGroupSetupReq")); // in sync: setup goes on
    }

    [Fact]
    public void Sessions_FixedStart_UsesItEvenWhileDevicesAreStillSettingUp()
    {
        DateTimeOffset start = CampaignHarness.Start + TimeSpan.FromHours(3);
        var h = CampaignHarness.Create(devices: 2, o => o.SessionStart = start);
        h.Begin();
        h.AnswerVersions(h.Devices[0]);
        h.AcceptSetup(h.Devices[0]);

        h.RunUntil(start - TimeSpan.FromMinutes(30));

        MulticastGroupCreation group = Assert.Single(h.Actions.OfType<MulticastGroupCreation>());
        Assert.Equal(start, group.SessionStart);
    }

    [Fact]
    public void Sessions_FixedStartTooClose_MovesToTheEarliestStartThatLeavesTimeToAnswer()
    {
        var h = CampaignHarness.Create(devices: 1, o => o.SessionStart = CampaignHarness.Start + TimeSpan.FromMinutes(1));
        h.RunToSession();

        MulticastGroupCreation group = Assert.Single(h.Actions.OfType<MulticastGroupCreation>());
        Assert.Equal(h.Now + (TimeSpan.FromMinutes(11) * 4), group.SessionStart);
        Assert.Equal(OtaState.Initiated, h.State(h.Devices[0])); // asked in time, not failed with StartMissed
    }

    [Fact]
    public void Sessions_OfflineDevice_DoesNotHoldTheOthersBackPastTheSetupTimeout()
    {
        var h = CampaignHarness.Create(devices: 2);
        h.Begin();
        h.AnswerVersions(h.Devices[0]);
        h.AcceptSetup(h.Devices[0]); // device 2 never answers

        h.RunUntil(CampaignHarness.Start + TimeSpan.FromMinutes(44) + TimeSpan.FromSeconds(1)); // 4 × 11-minute answer timeouts

        MulticastGroupCreation group = Assert.Single(h.Actions.OfType<MulticastGroupCreation>());
        Assert.Equal([h.Devices[0]], group.Devices.Where(d => h.Unicast(d, "McClassCSessionReq").Any()));
    }
}

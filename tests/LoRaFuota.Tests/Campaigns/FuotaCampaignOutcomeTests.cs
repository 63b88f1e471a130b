using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Fragmentation;
using LoRaFuota.Packages;

namespace LoRaFuota.Tests.Campaigns;

public sealed class FuotaCampaignOutcomeTests
{
    private static (CampaignHarness H, DevEui Eui, MulticastGroupCreation Group) InSession(PackageVersion version = PackageVersion.V2, Action<FuotaCampaignOptions>? configure = null, int imageSize = 4000)
    {
        var h = CampaignHarness.Create(devices: 1, configure, imageSize);
        h.RunToSession(version);
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();
        h.RunUntil(group.SessionStart + TimeSpan.FromSeconds(10));
        return (h, h.Devices[0], group);
    }

    [Fact]
    public void DataBlockReceived_V2NoMicError_GoesVerifiedThenUpdatingButNotUpdated()
    {
        var (h, eui, _) = InSession();
        Assert.Equal(OtaState.Downloading, h.State(eui));

        h.ReportBlock(eui);

        Assert.Single(h.Unicast(eui, "FragDataBlockReceivedAns"));
        Assert.Equal(
            [OtaState.Initiated, OtaState.Downloading, OtaState.Downloaded, OtaState.Verified, OtaState.Updating],
            h.Campaign.GetDevice(eui).History.Select(c => c.State));
        Assert.Equal(OtaState.Updating, h.State(eui)); // the transfer is done; the device has not proven the install yet
    }

    [Fact]
    public void VersionReport_NewVersion_IsWhatMakesTheDeviceUpdated()
    {
        // LoRa Basics Modem #121 and #23: "FUOTA successful" with the firmware unchanged. Done here means installed.
        var (h, eui, _) = InSession();
        h.ReportBlock(eui);

        h.ReportVersion(eui, "2.1.0");

        DeviceStatus status = h.Campaign.GetDevice(eui);
        Assert.Equal(OtaState.Updated, status.State);
        Assert.Equal("2.1.0", status.ReportedFirmwareVersion);
        Assert.Equal(Lwm2mUpdateState.Idle, status.Lwm2mState);
        Assert.Equal(Lwm2mUpdateResult.Success, status.Lwm2mResult);
    }

    [Fact]
    public void VersionReport_OldVersionAfterTheInstall_FailsUpdateFailed()
    {
        var (h, eui, _) = InSession();
        h.ReportBlock(eui);

        h.ReportVersion(eui, "2.0.0");

        Assert.Equal(DeviceFailureReason.UpdateFailed, h.Reason(eui));
        Assert.Equal(Lwm2mUpdateResult.UpdateFailed, h.Campaign.GetDevice(eui).Lwm2mResult);
    }

    [Fact]
    public void InstallTimeout_NoReport_AsksForTheVersionThenTimesOut()
    {
        var (h, eui, _) = InSession(configure: o => o.UnicastRetries = 1);
        h.ReportBlock(eui);

        h.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        UnicastDownlink request = Assert.Single(h.Unicast(eui, "version request"));
        Assert.Equal(203, request.FPort);
        Assert.True(DevVersionReq.TryRead(request.Payload.Span, PackageVersion.V1, out _, out _));
        h.RunUntil(h.Now + TimeSpan.FromMinutes(23));
        Assert.Equal(2, h.Unicast(eui, "version request").Count());
        Assert.Equal(DeviceFailureReason.Timeout, h.Reason(eui));
    }

    [Fact]
    public void DataBlockReceived_MicError_FailsMicErrorWithIntegrityResult()
    {
        var (h, eui, _) = InSession();

        h.ReportBlock(eui, micError: true);

        DeviceStatus status = h.Campaign.GetDevice(eui);
        Assert.Equal(DeviceFailureReason.MicError, status.FailureReason);
        Assert.Equal(Lwm2mUpdateResult.IntegrityCheckFailure, status.Lwm2mResult);
    }

    [Fact]
    public void StatusAns_MemoryError_FailsMemoryError()
    {
        var (h, eui, _) = InSession();

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = 12, MissingFrag = 9, MemoryError = true }.ToArray());

        Assert.Equal(DeviceFailureReason.MemoryError, h.Reason(eui));
    }

    [Fact]
    public void StatusAns_V1NothingMissing_IsDownloadedWithoutVerified()
    {
        var (h, eui, _) = InSession(PackageVersion.V1);

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V1, NbFragReceived = (ushort)h.Campaign.Plan.NbFrag, MissingFrag = 0 }.ToArray());

        Assert.Equal([OtaState.Initiated, OtaState.Downloading, OtaState.Downloaded, OtaState.Updating], h.Campaign.GetDevice(eui).History.Select(c => c.State));
    }

    [Fact]
    public void StatusAns_ZeroMissingButFewerFragmentsThanM_IsNotTakenForComplete()
    {
        // LoRaMac-node reports MissingFrag as the losses seen so far: 0 before anything arrived.
        var (h, eui, _) = InSession(PackageVersion.V1);

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V1, NbFragReceived = 0, MissingFrag = 0 }.ToArray());

        Assert.Equal(OtaState.Downloading, h.State(eui));
    }

    [Fact]
    public void Repair_DeviceShortAfterTheWindow_GetsFreshCodedFragmentsByUnicast()
    {
        var (h, eui, group) = InSession();
        int m = h.Campaign.Plan.NbFrag;
        int r = h.Campaign.Plan.Redundancy;
        h.RunUntil(group.SessionEnd + TimeSpan.FromSeconds(1));
        Assert.Single(h.Unicast(eui, "FragSessionStatusReq"));

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = (ushort)(m - 3), MissingFrag = 5 }.ToArray());

        UnicastDownlink[] fragments = [.. h.Unicast(eui, "DataFragment")];
        Assert.Equal(5, fragments.Length); // deficit 3 + 2
        int[] numbers = [.. fragments.Select(f => DataFragment.TryRead(f.Payload.Span, out DataFragment d, out _) ? (int)d.N : -1)];
        Assert.Equal(Enumerable.Range(m + r + 1, 5), numbers); // never a number the multicast used
        Assert.Equal(2, h.Unicast(eui, "FragSessionStatusReq").Count()); // and a status request behind them
        Assert.Equal(5, h.Campaign.GetDevice(eui).UnicastFragments);
    }

    [Fact]
    public void Repair_UnansweredStatusRequest_IsSentAgain()
    {
        // ChirpStack v4 gives its FragStatus job no retries: one lost answer and the device is written off.
        var (h, eui, group) = InSession(configure: o => o.UnicastRetries = 2);
        h.RunUntil(group.SessionEnd + TimeSpan.FromSeconds(1));
        Assert.Single(h.Unicast(eui, "FragSessionStatusReq"));

        h.RunUntil(h.Now + TimeSpan.FromMinutes(30));

        Assert.Equal(3, h.Unicast(eui, "FragSessionStatusReq").Count());
    }

    [Fact]
    public void StatusAns_AfterTheBlockWasConfirmed_DoesNotUndoIt()
    {
        // LoRa Basics Modem #101: a device reported MissingFrag = 1 after a successful rebuild.
        var (h, eui, _) = InSession();
        h.ReportBlock(eui);

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = 3, MissingFrag = 1 }.ToArray());

        Assert.Equal(OtaState.Updating, h.State(eui));
        h.ReportVersion(eui, "2.1.0");
        Assert.Equal(OtaState.Updated, h.State(eui));
    }

    [Fact]
    public void Repair_ARepeatOfTheAnswerThatStartedTheRound_StartsNoOtherRound()
    {
        // A status answer has no token: a retried request's late twin must not be read as news.
        var (h, eui, group) = InSession(configure: o => o.UnicastRetries = 1);
        int m = h.Campaign.Plan.NbFrag;
        h.RunUntil(group.SessionEnd + TimeSpan.FromSeconds(1));
        byte[] shortOfThree = new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = (ushort)(m - 3), MissingFrag = 5 }.ToArray();
        h.Uplink(eui, 201, shortOfThree);
        Assert.Equal(5, h.Unicast(eui, "DataFragment").Count());

        h.Uplink(eui, 201, shortOfThree);

        Assert.Equal(5, h.Unicast(eui, "DataFragment").Count());
        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = (ushort)(m + 1), MissingFrag = 1 }.ToArray());
        Assert.Equal(5 + 3, h.Unicast(eui, "DataFragment").Count()); // news: the next round, deficit 1 + 2
    }

    [Fact]
    public void Repair_OnlyRepeatsUntilTheRequestGivesUp_SendsTheRoundAgain()
    {
        var (h, eui, group) = InSession(configure: o => o.UnicastRetries = 0);
        int m = h.Campaign.Plan.NbFrag;
        h.RunUntil(group.SessionEnd + TimeSpan.FromSeconds(1));
        byte[] shortOfThree = new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = (ushort)(m - 3), MissingFrag = 5 }.ToArray();
        h.Uplink(eui, 201, shortOfThree);
        h.Uplink(eui, 201, shortOfThree); // the round's fragments all lost: the device still says the same

        h.RunUntil(h.Now + TimeSpan.FromMinutes(15));

        Assert.Equal(OtaState.Downloading, h.State(eui));
        Assert.Equal(10, h.Unicast(eui, "DataFragment").Count()); // the round again, not a timeout
    }

    [Fact]
    public void Repair_DeficitBeyondTheCap_FailsMissingFragments()
    {
        var (h, eui, group) = InSession(configure: o => o.MaxFallbackFragments = 4);
        h.RunUntil(group.SessionEnd + TimeSpan.FromSeconds(1));

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = 2, MissingFrag = 255 }.ToArray());

        Assert.Equal(DeviceFailureReason.MissingFragments, h.Reason(eui));
        Assert.Empty(h.Unicast(eui, "DataFragment"));
    }

    [Fact]
    public void UnicastOnly_QueuesEveryFragmentThenAStatusRequest()
    {
        var h = CampaignHarness.Create(devices: 1, o => o.Delivery = CampaignDelivery.UnicastOnly);
        DevEui eui = h.Devices[0];
        h.Begin();
        Assert.Single(h.Unicast(eui, "PackageVersionReq")); // TS004 only: no multicast, no clock needed
        h.Uplink(eui, 201, new PackageVersionAns(PackageVersionAns.FragmentationIdentifier, 2).ToArray());
        Assert.True(FragSessionSetupReq.TryRead(h.LastUnicast(eui, "FragSessionSetupReq").Payload.Span, PackageVersion.V2, out FragSessionSetupReq setup, out _));
        Assert.Equal(0, setup.McGroupBitMask); // unicast only

        h.Uplink(eui, 201, new FragSessionSetupAns { Version = PackageVersion.V2 }.ToArray());

        Assert.Equal(OtaState.Downloading, h.State(eui));
        Assert.Equal(h.Campaign.Plan.NbFrag + h.Campaign.Plan.Redundancy, h.Unicast(eui, "DataFragment").Count());
        Assert.Equal("FragSessionStatusReq", h.Unicast(eui).Last().Command);
        Assert.Empty(h.Actions.OfType<MulticastGroupCreation>());
        h.ReportBlock(eui);
        h.ReportVersion(eui, "2.1.0");
        h.RunUntil(h.Now + TimeSpan.FromHours(2));
        Assert.True(h.Campaign.IsCompleted);
    }

    [Fact]
    public void ClosedLoop_StopsAfterTheFirstBurstWhenEveryDeviceHasTheBlock()
    {
        var (h, eui, group) = InSession(configure: o =>
        {
            o.ClosedLoop = true;
            o.ExpectedLoss = 0.05;
        }, imageSize: 40_000);
        int m = h.Campaign.Plan.NbFrag;
        h.RunUntil(group.SessionStart + (h.Campaign.Plan.Spacing * (m + 2)));

        h.ReportBlock(eui);
        h.RunUntil(group.SessionEnd - TimeSpan.FromSeconds(1));

        MulticastDownlink[] sent = [.. h.Actions.OfType<MulticastDownlink>()];
        int fragments = sent.Count(d => d.Kind == MulticastPayloadKind.DataFragment);
        Assert.True(fragments < m + h.Campaign.Plan.Redundancy, $"{fragments} fragments: the closed loop did not stop");
        Assert.Single(sent, d => d.Kind == MulticastPayloadKind.StatusPoll);
    }

    [Fact]
    public void ClosedLoop_DeviceStillShort_GetsATopUpSizedToItsDeficit()
    {
        var (h, eui, group) = InSession(configure: o =>
        {
            o.ClosedLoop = true;
            o.ExpectedLoss = 0.05;
            o.ClosedLoopBurst = 2;
        }, imageSize: 40_000);
        int m = h.Campaign.Plan.NbFrag;
        h.RunUntil(group.SessionStart + (h.Campaign.Plan.Spacing * (m + 3)));
        Assert.Single(h.Actions.OfType<MulticastDownlink>(), d => d.Kind == MulticastPayloadKind.StatusPoll);

        h.Uplink(eui, 201, new FragSessionStatusAns { Version = PackageVersion.V2, NbFragReceived = (ushort)(m - 4), MissingFrag = 6 }.ToArray());
        h.RunUntil(group.SessionEnd - TimeSpan.FromSeconds(1));

        int fragments = h.Actions.OfType<MulticastDownlink>().Count(d => d.Kind == MulticastPayloadKind.DataFragment);
        int topUp = (int)Math.Ceiling((4 + 2) / 0.95); // deficit 4, margin 2, 5 % loss
        Assert.True(fragments >= m + 2 + topUp, $"{fragments} fragments sent");
        Assert.True(h.Actions.OfType<MulticastDownlink>().Count(d => d.Kind == MulticastPayloadKind.StatusPoll) >= 2);
    }

    [Fact]
    public void Cancel_MidSession_DeletesTheGroupTellsTheDevicesAndFailsThemCancelled()
    {
        var h = CampaignHarness.Create(devices: 2);
        h.RunToSession();
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();
        h.RunUntil(group.SessionStart + TimeSpan.FromSeconds(20));
        h.ReportBlock(h.Devices[0]);
        h.ReportVersion(h.Devices[0], "2.1.0");
        int sentBefore = h.Actions.OfType<MulticastDownlink>().Count();

        h.Record(h.Campaign.Cancel(h.Now));

        Assert.Single(h.Actions.OfType<MulticastGroupDeletion>());
        Assert.Equal(OtaState.Updated, h.State(h.Devices[0])); // already updated: stays so
        Assert.Equal(DeviceFailureReason.Cancelled, h.Reason(h.Devices[1]));
        Assert.Equal(Lwm2mUpdateResult.Cancelled, h.Campaign.GetDevice(h.Devices[1]).Lwm2mResult);
        Assert.All(h.Devices, eui => Assert.Single(h.Unicast(eui, "McGroupDeleteReq")));
        Assert.All(h.Devices, eui => Assert.Single(h.Unicast(eui, "FragSessionDeleteReq")));
        h.RunUntil(group.SessionEnd);
        Assert.Equal(sentBefore, h.Actions.OfType<MulticastDownlink>().Count()); // not one fragment after the cancel
        foreach (DevEui eui in h.Devices)
        {
            h.Uplink(eui, 200, new LoRaFuota.Multicast.McGroupDeleteAns(0, false).ToArray());
            h.Uplink(eui, 201, new FragSessionDeleteAns(0, false).ToArray());
        }

        Assert.True(h.Campaign.IsCompleted);
        Assert.True(h.Events.OfType<CampaignCompleted>().Single().Cancelled);
    }

    [Fact]
    public void Uplink_Garbage_BecomesAnEventNotAnException()
    {
        var h = CampaignHarness.Create(devices: 1);
        h.Begin();

        h.Uplink(h.Devices[0], 201, [0x7F, 0x01]);
        h.Uplink(new DevEui(0xDEADBEEF), 201, [0x00, 0x03, 0x02]);
        h.Uplink(h.Devices[0], 203, [0x01, 0x02]);

        Assert.Equal(3, h.Events.OfType<UplinkRejected>().Count());
        Assert.Contains(h.Events.OfType<UplinkRejected>(), e => e.Reason.Contains("unknown command", StringComparison.Ordinal));
        Assert.Contains(h.Events.OfType<UplinkRejected>(), e => e.Reason.Contains("not in the campaign", StringComparison.Ordinal));
    }
}

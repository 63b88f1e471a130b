using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation.Tests;

public sealed class CampaignSimulatorTests
{
    [Fact]
    public void Run_PerfectChannel_UpdatesEveryDevice()
    {
        SimulationResult result = CampaignSimulator.Run(SimulationRuns.Small());

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(6, result.Updated);
        Assert.All(result.DeviceResults, d =>
        {
            Assert.Equal("2.0.0", d.FirmwareVersion);
            Assert.Equal(PackageVersion.V2, d.FragmentationVersion);
            Assert.Equal(Lwm2mUpdateResult.Success, d.Lwm2mResult);
            Assert.Equal(
                [OtaState.Initiated, OtaState.Downloading, OtaState.Downloaded, OtaState.Verified, OtaState.Updating, OtaState.Updated],
                d.History.Select(h => h.State));
        });
        Assert.Equal(result.Plan.NbFrag + result.Plan.Redundancy, result.FragmentsSent);
    }

    [Fact]
    public void Run_SameSeedTwice_GivesTheSameRunEventForEvent()
    {
        SimulationResult first = CampaignSimulator.Run(SimulationRuns.Small(loss: 0.1, seed: 5));
        SimulationResult second = CampaignSimulator.Run(SimulationRuns.Small(loss: 0.1, seed: 5));

        Assert.Equal(first.Events.Select(e => e.ToString()), second.Events.Select(e => e.ToString()));
        Assert.Equal(first.Network.Multicast, second.Network.Multicast);
        Assert.Equal(first.EndedAt, second.EndedAt);
    }

    [Fact]
    public void Run_DifferentSeeds_LoseDifferentFragments()
    {
        SimulationResult a = CampaignSimulator.Run(SimulationRuns.Small(loss: 0.1, seed: 1));
        SimulationResult b = CampaignSimulator.Run(SimulationRuns.Small(loss: 0.1, seed: 2));

        Assert.NotEqual(a.DeviceResults.Select(d => d.FragmentsReceived), b.DeviceResults.Select(d => d.FragmentsReceived));
    }

    [Fact]
    public void Run_ClosedLoop_UpdatesEveryoneWithFewerFragmentsThanTheOpenLoop()
    {
        SimulationOptions open = SimulationRuns.Small(devices: 8, loss: 0.05, seed: 3);
        SimulationOptions closed = SimulationRuns.Small(devices: 8, loss: 0.05, seed: 3);
        closed.ClosedLoop = true;

        SimulationResult openResult = CampaignSimulator.Run(open);
        SimulationResult closedResult = CampaignSimulator.Run(closed);

        SimulationRuns.AssertInvariants(closedResult);
        Assert.Equal(8, closedResult.Updated);
        Assert.True(closedResult.FragmentsSent < openResult.FragmentsSent, $"closed {closedResult.FragmentsSent}, open {openResult.FragmentsSent}");
        Assert.Contains(closedResult.Network.Multicast, m => m.Kind == MulticastPayloadKind.StatusPoll);
    }

    [Fact]
    public void Run_UnicastOnly_UpdatesWithoutAnyMulticast()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 2, loss: 0.05);
        options.UnicastOnly = true;
        options.ImageSize = 3000;

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(2, result.Updated);
        Assert.Empty(result.Network.Multicast);
        Assert.Empty(result.Network.Groups);
        Assert.True(result.Network.UnicastFragments >= 2 * result.Plan.NbFrag);
    }

    [Fact]
    public void Run_MixedV1V2Fleet_GetsOneGroupPerVersionAndUpdatesBoth()
    {
        SimulationOptions options = SimulationRuns.Small();
        options.Fleet = SimulationRuns.Fleet(6, (i, d) =>
        {
            if (i % 2 == 0)
            {
                d.FragmentationVersions.Remove(2); // LoRaMac-node-like: TS004 v1 only
            }
        });

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(6, result.Updated);
        Assert.Equal(2, result.Network.Groups.Count);
        Assert.Equal([PackageVersion.V1, PackageVersion.V2], result.DeviceResults.Select(d => d.FragmentationVersion!.Value).Distinct().Order());
        GroupRecord[] groups = [.. result.Network.Groups.OrderBy(g => g.SessionStart)];
        Assert.True(groups[1].SessionStart >= result.Network.Multicast.Where(m => m.Group == groups[0].Group).Max(m => m.At), "the second group's session follows the first one's transmissions");
    }

    [Fact]
    public void Run_ClassB_UpdatesEveryDeviceThroughPingSlots()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 4, loss: 0.03);
        options.Class = MulticastClass.ClassB;
        options.DataRate = 3;
        options.ImageSize = 4000;

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(4, result.Updated);
        GroupRecord group = Assert.Single(result.Network.Groups);
        Assert.Equal(0, GpsTime.FromDateTimeOffset(group.SessionStart) % 128);
    }

    [Fact]
    public void Run_CancelMidSession_FailsTheRestCancelledAndStopsSending()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 4);
        SimulationResult full = CampaignSimulator.Run(options);
        DateTimeOffset sessionStart = full.Network.Groups.Single().SessionStart;
        options.CancelAt = sessionStart - options.Start + TimeSpan.FromSeconds(30);

        SimulationResult cancelled = CampaignSimulator.Run(options);

        Assert.True(cancelled.Cancelled);
        Assert.All(cancelled.DeviceResults, d => Assert.Equal(DeviceFailureReason.Cancelled, d.FailureReason));
        Assert.All(cancelled.DeviceResults, d => Assert.Equal("1.0.0", d.FirmwareVersion));
        Assert.True(cancelled.FragmentsSent < full.FragmentsSent);
        Assert.NotNull(cancelled.Network.Groups.Single().DeletedAt);
        Assert.Contains(cancelled.Events, e => e is CampaignCompleted { Cancelled: true });
    }

    [Fact]
    public void Run_RestartFromSnapshot_GivesTheSameRun()
    {
        SimulationOptions plain = SimulationRuns.Small(loss: 0.08, seed: 9);
        SimulationResult reference = CampaignSimulator.Run(plain);
        SimulationOptions restarted = SimulationRuns.Small(loss: 0.08, seed: 9);
        restarted.RestartAt = (reference.Network.Groups.Single().SessionStart - plain.Start) + TimeSpan.FromSeconds(100); // mid-session

        SimulationResult result = CampaignSimulator.Run(restarted);

        Assert.True(result.SnapshotBytes > 0);
        Assert.Equal(reference.Events.Select(e => e.ToString()), result.Events.Select(e => e.ToString()));
        Assert.Equal(reference.DeviceResults, result.DeviceResults, DeviceResultComparer.Instance);
    }

    [Fact]
    public void Run_OfflineDevice_FailsTimeoutAndTheOthersStillUpdate()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 3);
        options.Fleet = SimulationRuns.Fleet(3, (i, d) => d.Offline = i == 2);

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(2, result.Updated);
        DeviceResult offline = result.DeviceResults[1];
        Assert.Equal(DeviceFailureReason.Timeout, offline.FailureReason);
        Assert.Equal(0, offline.FragmentsReceived);
    }

    [Fact]
    public void Run_WrongImageOnTheDevices_NeverReportsThemUpdated()
    {
        // The image is rebuilt and its v2 MIC checks, but its SHA-256 is not the one the devices' manifest names:
        // they refuse to install it and say so (the v2 MICError flag: an integrity failure, LwM2M result 5), so the campaign
        // cannot call them updated.
        SimulationOptions options = SimulationRuns.Small(devices: 2);
        options.ConfigureCampaign = o => o.UnicastRetries = 1;

        SimulationResult result = CampaignSimulator.Run(options);
        SimulationOptions tampered = SimulationRuns.Small(devices: 2);
        tampered.ConfigureCampaign = o => o.Image = new FirmwareImage(Images.TamperedCopy(o.Image!.Content), "sample", "2.0.0");

        SimulationResult refused = CampaignSimulator.Run(tampered);

        Assert.Equal(2, result.Updated);
        Assert.All(refused.DeviceResults, d =>
        {
            Assert.Equal(DeviceFailureReason.MicError, d.FailureReason);
            Assert.Equal(Lwm2mUpdateResult.IntegrityCheckFailure, d.Lwm2mResult);
            Assert.Null(d.FirmwareSha256);
            Assert.Equal("1.0.0", d.FirmwareVersion);
            Assert.DoesNotContain(d.History, h => h.State == OtaState.Updated);
        });
    }

    [Fact]
    public void Run_InOrderDevicesWithLittleMemory_FailMemoryErrorWhenTheyLoseTooMuch()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 4, loss: 0.2, seed: 4);
        options.RedundancyPercent = 60;
        options.Fleet = SimulationRuns.Fleet(4, (_, d) =>
        {
            d.InOrder = true;
            d.MaxLost = 3;
        });
        options.ConfigureCampaign = o => o.UnicastRetries = 10;

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Contains(result.DeviceResults, d => d.FailureReason == DeviceFailureReason.MemoryError);
    }

    [Fact]
    public void Run_DevicesWithTooLittleFlash_FailNotEnoughMemory()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 2);
        options.Fleet = SimulationRuns.Fleet(2, (i, d) => d.MaxNbFrag = i == 1 ? 20 : 4000);

        SimulationResult result = CampaignSimulator.Run(options);

        Assert.Equal(DeviceFailureReason.NotEnoughMemory, result.DeviceResults[0].FailureReason);
        Assert.Equal(OtaState.Updated, result.DeviceResults[1].State);
    }

    [Fact]
    public void Run_DeviceWithAStaleClock_IsResyncedAndUpdated()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 2);
        options.Fleet = SimulationRuns.Fleet(2, (i, d) => d.ClockOffsetSeconds = i == 1 ? -300 : 0);
        options.ConfigureDevice = null;

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(2, result.Updated);
        Assert.Contains(result.Events, e => e is ClockChecked { CorrectionSeconds: >= 299 and <= 301, Answered: true });
    }

    [Fact]
    public void Run_Us915Dr13_UsesTheRegionsTables()
    {
        SimulationOptions options = SimulationRuns.Small(devices: 3, loss: 0.05);
        options.Region = RegionalParameters.Get(Region.US915);
        options.DataRate = 13;

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(3, result.Updated);
        Assert.Equal(239, result.Plan.FragmentSize);
    }

    [Fact]
    public void Run_BadOptions_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CampaignSimulator.Run(new SimulationOptions { DeviceCount = 0 }));
        Assert.Throws<ArgumentException>(() => CampaignSimulator.Run(new SimulationOptions { Loss = 1 }));
        Assert.Throws<ArgumentException>(() => CampaignSimulator.Run(new SimulationOptions { RedundancyPercent = 10, CancelAt = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<InfeasiblePlanException>(() => CampaignSimulator.Run(new SimulationOptions { RedundancyPercent = 10, DataRate = 0, ImageSize = 200_000 }));
    }
}

using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoRaFuota.Campaigns;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Planning;

namespace LoRaFuota.Simulation.Tests;

/// <summary>Whole campaigns on random fleets, channels and seeds.</summary>
[Properties(Arbitrary = [typeof(SimulationArbitraries)], MaxTest = 25)]
public sealed class SimulationProperties
{
    [Property]
    public void AnyFleet_EveryDeviceEndsUpdatedOrFailedWithAReason_AndTheInvariantsHold(Scenario scenario)
    {
        SimulationResult result = CampaignSimulator.Run(scenario.ToOptions());

        SimulationRuns.AssertInvariants(result);
    }

    [Property]
    public void LossTheRedundancyCovers_UpdatesEveryDevice(Scenario scenario)
    {
        SimulationOptions options = scenario.ToOptions();
        options.Loss = Math.Min(options.Loss, 0.05);
        options.BurstLength = 1;
        options.RedundancyPercent = 50;
        options.Fleet = null;
        options.ConfigureCampaign = Patient; // every unicast step gets enough tries that 5 % loss cannot defeat it

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(result.Devices, result.Updated);
    }

    [Property(MaxTest = 15)]
    public void RestartFromASnapshotAnywhere_GivesExactlyTheSameRun(Scenario scenario, double at)
    {
        SimulationResult reference = CampaignSimulator.Run(scenario.ToOptions());
        SimulationOptions options = scenario.ToOptions();
        options.RestartAt = TimeSpan.FromTicks((long)(Math.Abs(at % 1) * (reference.EndedAt - options.Start).Ticks));

        SimulationResult restarted = CampaignSimulator.Run(options);

        Assert.Equal(reference.Events.Select(e => e.ToString()), restarted.Events.Select(e => e.ToString()));
        Assert.Equal(reference.DeviceResults, restarted.DeviceResults, DeviceResultComparer.Instance);
        Assert.Equal(reference.Network.Multicast, restarted.Network.Multicast);
    }

    [Property(MaxTest = 15)]
    public void EveryDownlink_DecodesWithTheProjectsCodecsAndFitsTheDataRate(Scenario scenario)
    {
        var actions = new List<CampaignAction>();
        SimulationOptions options = scenario.ToOptions();
        options.OnAction = actions.Add;

        SimulationResult result = CampaignSimulator.Run(options);

        int maxPayload = result.Plan.DataRate!.MaxPayload;
        Dictionary<DevEui, DeviceResult> devices = result.DeviceResults.ToDictionary(d => d.DevEui);
        foreach (CampaignAction action in actions)
        {
            (byte port, ReadOnlyMemory<byte> payload, PackageVersion version) = action switch
            {
                UnicastDownlink u => (u.FPort, u.Payload, VersionFor(devices[u.DevEui], u.FPort)),
                MulticastDownlink m => (m.FPort, m.Payload, PackageVersion.V2),
                _ => ((byte)0, ReadOnlyMemory<byte>.Empty, PackageVersion.V1),
            };
            if (port == 0)
            {
                continue;
            }

            Assert.InRange(payload.Length, 1, maxPayload);
            if (port == DevVersionProtocol.DefaultFPort)
            {
                Assert.True(DevVersionReq.TryRead(payload.Span, PackageVersion.V1, out _, out int consumed) && consumed == payload.Length);
                continue;
            }

            var reader = new AppLayerPayloadReader(payload.Span, (AppLayerPackage)port, version, LinkDirection.Downlink);
            int commands = 0;
            while (reader.Read())
            {
                commands++;
            }

            Assert.True(reader.Status == OperationStatus.Done && commands > 0, $"{action}: {reader.Error} at {reader.ErrorOffset}");
        }
    }

    private static PackageVersion VersionFor(DeviceResult device, byte port) => port switch
    {
        200 => device.MulticastSetupVersion ?? PackageVersion.V1,
        201 => device.FragmentationVersion ?? PackageVersion.V1,
        _ => device.ClockSyncVersion ?? PackageVersion.V1,
    };

    private static void Patient(FuotaCampaignOptions options)
    {
        options.UnicastRetries = 10;
        options.SetupTimeout = TimeSpan.FromHours(24);
        options.SessionLeadTime = TimeSpan.FromHours(12);
    }
}

/// <summary>A random campaign: fleet size and make-up, image, channel, redundancy, class and seed.</summary>
public sealed record Scenario(int Devices, int ImageSize, double Loss, double BurstLength, int RedundancyPercent, bool ClassB, bool ClosedLoop, int V1Share, long Seed)
{
    public SimulationOptions ToOptions()
    {
        SimulationOptions options = SimulationRuns.Small(Devices, Loss, Seed);
        options.ImageSize = ImageSize;
        options.BurstLength = BurstLength;
        options.RedundancyPercent = RedundancyPercent;
        options.ClosedLoop = ClosedLoop;
        options.Class = ClassB ? MulticastClass.ClassB : MulticastClass.ClassC;
        options.DataRate = ClassB ? 3 : 5;
        options.Fleet = SimulationRuns.Fleet(Devices, (i, d) =>
        {
            if (i % 4 < V1Share)
            {
                d.FragmentationVersions.Remove(2);
            }
        });
        return options;
    }
}

public static class SimulationArbitraries
{
    public static Arbitrary<Scenario> Scenario() => Arb.From(
        from devices in Gen.Choose(1, 8)
        from imageSize in Gen.Choose(300, 9000)
        from loss in Gen.Choose(0, 15).Select(p => p / 100.0)
        from burst in Gen.Elements(1.0, 1.0, 2.0, 3.5)
        from redundancy in Gen.Choose(10, 80)
        from classB in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from closedLoop in Gen.Elements(false, true)
        from v1Share in Gen.Choose(0, 2)
        from seed in Gen.Choose(1, 1_000_000)
        select new Scenario(devices, imageSize, loss, burst, redundancy, classB, closedLoop, v1Share, seed));
}

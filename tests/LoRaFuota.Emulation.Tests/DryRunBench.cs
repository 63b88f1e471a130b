using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Planning;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Testing;

namespace LoRaFuota.Emulation.Tests;

/// <summary>A private Mosquitto plus a <see cref="BrokerSimulation"/> on it, and the checks every end-to-end run must pass.</summary>
internal static class DryRunBench
{
    public static SimulationOptions Simulation(MulticastClass multicastClass, int devices, int imageSize) => new()
    {
        DeviceCount = devices,
        ImageSize = imageSize,
        Class = multicastClass,
        Periodicity = multicastClass == MulticastClass.ClassB ? (byte)2 : null,
        DataRate = 5,
        RedundancyPercent = 30,
        MaxDuration = TimeSpan.FromDays(2),
    };

    public static BrokerSimulationOptions Options(Mosquitto broker, NetworkServerDialect dialect, bool gps = true) => new()
    {
        Dialect = dialect,
        BrokerPort = broker.Port,
        GpsGateway = gps,
        RealTimeLimit = TimeSpan.FromSeconds(120), // a bound on the test, not a measurement
    };

    /// <summary>Every device UPDATED with the input image, nothing dropped, no counter twice per group, no fragment twice, every frame inside its session window.</summary>
    public static void AssertDelivered(SimulationResult result, BrokerSimulation run)
    {
        Assert.True(result.Completed, "the campaign did not complete");
        Assert.All(result.DeviceResults, d => Assert.Equal(OtaState.Updated, d.State));
        Assert.All(result.DeviceResults, d => Assert.Equal(result.ImageSha256, d.FirmwareSha256));
        Assert.Empty(result.Network.Violations);
        MulticastTransmission[] frames = [.. result.Network.Multicast];
        Assert.NotEmpty(frames);
        foreach (IGrouping<int, MulticastTransmission> group in frames.GroupBy(f => f.Group))
        {
            Assert.Equal(group.Count(), group.Select(f => f.FCnt).Distinct().Count()); // no frame counter twice
            MulticastTransmission[] fragments = [.. group.Where(f => f.Kind == Campaigns.MulticastPayloadKind.DataFragment)];
            Assert.Equal(fragments.Length, fragments.Select(f => f.FragmentNumber).Distinct().Count()); // no fragment twice
        }

        foreach (SessionScheduled session in result.Events.OfType<SessionScheduled>())
        {
            Assert.All(frames.Where(f => f.Group == session.Group), f => Assert.True(
                f.At >= session.SessionStart && f.At + f.Airtime <= session.SessionEnd, $"FCnt {f.FCnt} at {f.At:O} outside {session.SessionStart:O}..{session.SessionEnd:O}"));
        }

        Assert.True(run.Runner.UplinksDone > 0);
    }
}

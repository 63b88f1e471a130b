using LoRaFuota.Campaigns;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation.Tests;

/// <summary>Small, fast simulations and the checks every run must pass.</summary>
internal static class SimulationRuns
{
    /// <summary>A small campaign: 16 KiB in 239-byte fragments (M = 69), 5-minute uplinks, EU868 DR5 class C.</summary>
    public static SimulationOptions Small(int devices = 6, double loss = 0, long seed = 1) => new()
    {
        DeviceCount = devices,
        ImageSize = 16 * 1024,
        Loss = loss,
        RedundancyPercent = 25,
        DataRate = 5,
        Seed = seed,
        Fleet = null,
        ConfigureDevice = d => d.UplinkInterval = TimeSpan.FromMinutes(5),
    };

    public static IReadOnlyList<FleetDevice> Fleet(int count, Action<int, FleetDevice>? configure = null) =>
        [.. Enumerable.Range(1, count).Select(i =>
        {
            var device = new FleetDevice { DevEui = new DevEui(0x70B3D57ED0000000UL + (ulong)i), UplinkIntervalSeconds = 300 };
            configure?.Invoke(i, device);
            return device;
        })];

    /// <summary>The invariants every run keeps: finals with reasons, no counter or fragment twice, nothing torn down early, done = installed.</summary>
    public static void AssertInvariants(SimulationResult result)
    {
        Assert.True(result.Completed, "the campaign did not complete");
        Assert.Empty(result.Network.Violations);
        foreach (DeviceResult device in result.DeviceResults)
        {
            Assert.True(device.State is OtaState.Updated or OtaState.Failed, $"{device.DevEui} ended {device.State}");
            Assert.Equal(device.State == OtaState.Failed, device.FailureReason != DeviceFailureReason.None);
            if (device.State == OtaState.Updated)
            {
                Assert.Equal(result.ImageSha256, device.FirmwareSha256); // done means installed, with the right image
            }
        }

        foreach (IGrouping<int, MulticastTransmission> group in result.Network.Multicast.GroupBy(m => m.Group))
        {
            Assert.Equal(group.Count(), group.Select(m => m.FCnt).Distinct().Count());
            uint[] inTimeOrder = [.. group.OrderBy(m => m.At).Select(m => m.FCnt)];
            Assert.Equal(inTimeOrder.Order(), inTimeOrder); // rising on the air, as the devices require (ChirpStack #361)
            MulticastTransmission[] fragments = [.. group.Where(m => m.Kind == MulticastPayloadKind.DataFragment)];
            Assert.Equal(fragments.Length, fragments.Select(m => m.FragmentNumber).Distinct().Count());
            GroupRecord record = result.Network.Groups.Single(g => g.Group == group.Key);
            Assert.All(group, m => Assert.True(m.At >= record.SessionStart && m.At + m.Airtime <= record.SessionEnd, $"FCnt {m.FCnt} outside the session window"));
            Assert.True(record.DeletedAt >= record.SessionEnd, $"group {group.Key} deleted at {record.DeletedAt:O}, before its window closed at {record.SessionEnd:O}");
        }
    }
}

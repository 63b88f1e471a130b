using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;

namespace LoRaFuota.Simulation.Tests;

/// <summary>
/// Pacing of device notifications (ThingsBoard's "devices per minute"): a fleet is contacted a share at a time, and the
/// campaign still ends with every device updated in one multicast session.
/// </summary>
public sealed class DevicePacingTests
{
    [Theory]
    [InlineData(12, 5)]
    [InlineData(7, 1)]
    public void Run_Paced_NoDeviceIsContactedBeforeItsMinuteAndAllAreUpdated(int devices, int perMinute)
    {
        SimulationOptions options = SimulationRuns.Small(devices);
        options.ConfigureCampaign = c => c.DevicesPerMinute = perMinute;

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(devices, result.Updated);
        IReadOnlyList<DevEui> order = [.. result.DeviceResults.Select(d => d.DevEui)];
        var contacted = result.Events.OfType<DeviceStateChanged>().Where(e => e.To == OtaState.Initiated)
            .ToDictionary(e => e.DevEui, e => e.At);
        for (int i = 0; i < order.Count; i++)
        {
            TimeSpan after = contacted[order[i]] - result.StartedAt;
            Assert.True(after >= TimeSpan.FromMinutes(i / perMinute), $"device {i} was contacted {after} after the start");
            Assert.True(after < TimeSpan.FromMinutes((i / perMinute) + 1), $"device {i} waited {after}");
        }

        Assert.Single(result.Events.OfType<SessionScheduled>().Select(e => e.SessionStart).Distinct());
        Assert.True(result.Events.OfType<SessionScheduled>().First().At - result.StartedAt >= TimeSpan.FromMinutes((devices - 1) / perMinute));
    }
}

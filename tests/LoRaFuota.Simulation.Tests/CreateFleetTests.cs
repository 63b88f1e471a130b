using LoRaFuota.Campaigns;

namespace LoRaFuota.Simulation.Tests;

public sealed class CreateFleetTests
{
    [Fact]
    public void The_fleet_gets_the_keys_and_devices_a_simulation_with_the_same_seed_gets()
    {
        var options = new SimulationOptions { DeviceCount = 3, DataRate = 5, ImageSize = 100, Redundancy = 2, Seed = 7 };

        SimulatedFleet fleet = CampaignSimulator.CreateFleet(options);
        SimulationSetup setup = CampaignSimulator.Prepare(options);

        Assert.Equal(setup.Network.Devices.Select(d => d.DevEui), fleet.Devices.Select(d => d.DevEui));
        Assert.Equal(setup.Network.Devices.Select(d => d.Options.RootKey), fleet.Devices.Select(d => d.Options.RootKey));
        Assert.Equal(3, fleet.Keys.Count);
        Assert.True(fleet.Keys.TryEncryptMcKey(fleet.Devices[0].DevEui, default, out _));
    }

    [Fact]
    public void Another_seed_gives_other_keys_and_no_image_is_needed()
    {
        var first = CampaignSimulator.CreateFleet(new SimulationOptions { DeviceCount = 2, Seed = 1 });
        var second = CampaignSimulator.CreateFleet(new SimulationOptions { DeviceCount = 2, Seed = 2 });

        Assert.NotEqual(first.Devices[0].Options.RootKey, second.Devices[0].Options.RootKey);
    }

    [Fact]
    public void An_empty_fleet_is_refused_with_what_to_fix()
    {
        var ex = Assert.Throws<ArgumentException>(() => CampaignSimulator.CreateFleet(new SimulationOptions { Fleet = [] }));
        Assert.Contains("at least one device", ex.Message, StringComparison.Ordinal);
    }
}

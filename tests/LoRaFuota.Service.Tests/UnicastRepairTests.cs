using System.Security.Cryptography;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Regions;
using LoRaFuota.Service.Campaigns;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Storage.Model;
using Xunit.Abstractions;

namespace LoRaFuota.Service.Tests;

/// <summary>Fragments that never go out on multicast are repaired by unicast, and the rebuilt block is the image.</summary>
public sealed class UnicastRepairTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(new[] { 3, 4, 5, 6, 7, 8 })]
    [InlineData(new[] { 1, 2 })]
    public async Task Fragments_lost_before_the_air_are_repaired_and_the_block_verifies(int[] dropped)
    {
        RegionalParameters region = RegionalParameters.Get(Region.EU868);
        SimulatedFleet fleet = CampaignSimulator.CreateFleet(new SimulationOptions { Fleet = [.. Enumerable.Range(1, 2).Select(i => new FleetDevice { DevEui = new DevEui(0x70B3D57ED0000000UL + (ulong)i), UplinkIntervalSeconds = 120 })], Region = region, RawImageVersion = _ => "2.0.0" });
        byte[] content = RandomNumberGenerator.GetBytes(3000);
        var package = new StoredPackage { Id = Guid.NewGuid(), Title = "fw", Version = "2.0.0", Type = FirmwareType.Firmware, ChecksumAlgorithm = "SHA256", Checksum = "", Sha256 = "", Size = content.Length, CreatedAt = default, Content = content };
        var request = new CampaignRequest { PackageId = package.Id, Region = "EU868", DataRate = 5, Class = "C", RedundancyPercent = 30 };
        foreach (var device in fleet.Devices)
        {
            request.Devices.Add(new CampaignRequestDevice { DevEui = device.DevEui.ToString(), UplinkIntervalS = 120 });
        }

        FuotaCampaign campaign = CampaignFactory.Create(request, package, fleet.Keys, default).Campaign;
        var clock = new ScaledTimeProvider(100);
        using var server = new SimulatedNetworkServer(new SimulatedNetwork(region, 5, fleet.Devices), clock);
        var runner = new FuotaCampaignRunner(campaign, new DroppingTransport(server, [.. dropped]), clock);

        await Task.Run(async () =>
        {
            await foreach (var _ in runner.RunAsync())
            {
            }
        }).WaitAsync(TimeSpan.FromSeconds(120));

        foreach (DeviceStatus d in campaign.GetDevices())
        {
            log.WriteLine($"{d.DevEui} {d.State} {d.FailureReason} unicast {d.UnicastFragments}");
        }

        Assert.All(campaign.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
        Assert.All(fleet.Devices, d => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), d.InstalledSha256));
    }

    /// <summary>Multicast data fragments with these numbers are accepted and never sent.</summary>
    private sealed class DroppingTransport(IFuotaTransport inner, HashSet<int> dropped) : IFuotaTransport
    {
        public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => inner.SendUnicastAsync(downlink, cancellationToken);

        public ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken) => inner.CreateMulticastGroupAsync(group, cancellationToken);

        public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken) =>
            downlink.Kind == MulticastPayloadKind.DataFragment && dropped.Contains(downlink.FragmentNumber) ? ValueTask.CompletedTask : inner.SendMulticastAsync(downlink, cancellationToken);

        public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) => inner.DeleteMulticastGroupAsync(deletion, cancellationToken);

        public IAsyncEnumerable<DeviceUplink> ReadUplinksAsync(CancellationToken cancellationToken) => inner.ReadUplinksAsync(cancellationToken);
    }
}

using System.Security.Cryptography;
using LoRaFuota.Campaigns;
using LoRaFuota.Regions;
using LoRaFuota.Service.Campaigns;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Storage.Model;
using LoRaFuota.Storage.Sqlite;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Service.Tests;

/// <summary>One worker runs several campaigns at once over one network-server connection, each with its own devices and group.</summary>
public sealed class ConcurrentCampaignsTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-concurrent-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Three_campaigns_on_one_worker_run_side_by_side_and_each_updates_its_own_devices()
    {
        var clock = new ScaledTimeProvider(100);
        var store = new SqliteFuotaStore(Path.Combine(_temp.Path, "c.db"), clock);
        await store.MigrateAsync();
        RegionalParameters region = RegionalParameters.Get(Region.EU868);
        StoredPackage[] packages = new StoredPackage[3];
        for (int i = 0; i < packages.Length; i++)
        {
            packages[i] = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = $"2.0.{i}", Content = RandomNumberGenerator.GetBytes(2500) });
        }

        Func<string, string?> versions = sha => packages.FirstOrDefault(p => p.Sha256 == sha)?.Version;
        SimulatedFleet fleet = CampaignSimulator.CreateFleet(new SimulationOptions { Fleet = [.. Enumerable.Range(1, 9).Select(i => new FleetDevice { DevEui = new DevEui(0x70B3D57ED0000000UL + (ulong)i), UplinkIntervalSeconds = 120 })], Region = region, RawImageVersion = versions });
        var ids = new List<Guid>();
        for (int c = 0; c < 3; c++)
        {
            var request = new CampaignRequest { PackageId = packages[c].Id, Region = "EU868", DataRate = 5, Class = "C", RedundancyPercent = 30 };
            foreach (var device in fleet.Devices.Skip(c * 3).Take(3))
            {
                request.Devices.Add(new CampaignRequestDevice { DevEui = device.DevEui.ToString(), UplinkIntervalS = 120 });
            }

            StoredPackage package = (await store.GetPackageAsync(packages[c].Id, withContent: true))!;
            ids.Add((await store.CreateCampaignAsync(CampaignFactory.Create(request, package, fleet.Keys, clock.GetUtcNow()).Record)).Id);
        }

        using var server = new SimulatedNetworkServer(new SimulatedNetwork(region, 5, fleet.Devices), clock);
        var options = new CampaignWorkerOptions { Owner = "one", LeaseDuration = TimeSpan.FromHours(2), RenewInterval = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromMinutes(1), MaxConcurrentCampaigns = 3 };
        using var worker = new CampaignWorker(store, server, fleet.Keys, options, clock);

        await worker.StartAsync(CancellationToken.None);
        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        while ((await store.ListCampaignsAsync()).Any(c => c.State == CampaignState.Running) && wall.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(100);
        }

        await worker.StopAsync(CancellationToken.None);
        for (int c = 0; c < 3; c++)
        {
            StoredCampaign campaign = (await store.GetCampaignAsync(ids[c]))!;
            log.WriteLine($"{campaign.Name}: {campaign.State}, created {campaign.CreatedAt:HH:mm:ss}, ended {campaign.EndedAt:HH:mm:ss}");
            Assert.Equal(CampaignState.Completed, campaign.State);
            Assert.All(await store.GetDevicesAsync(ids[c]), d => Assert.Equal((OtaState.Updated, $"2.0.{c}"), (d.State, d.FirmwareVersion)));
        }

        // side by side: every campaign's sessions overlapped the others' (one worker, not one after another)
        GroupRecord[] groups = [.. server.Network.Log.Groups];
        Assert.Equal(3, groups.Select(g => g.Group).Distinct().Count());
        Assert.Equal(3, groups.Select(g => g.McAddr).Distinct().Count());
        Assert.True(groups.Max(g => g.CreatedAt) < groups.Min(g => g.DeletedAt ?? DateTimeOffset.MaxValue), "the campaigns ran one after another");
        Assert.Equal(3, worker.CampaignsEnded);
        MulticastTransmission[] fragments = [.. server.Network.Log.Multicast.Where(f => f.Kind == MulticastPayloadKind.DataFragment)];
        Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FragmentNumber)).Distinct().Count()); // none twice
        Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FCnt)).Distinct().Count());
        Assert.Equal(3, fragments.Select(f => f.McAddr).Distinct().Count());
    }
}

using System.Security.Cryptography;
using LoRaFuota.Campaigns;
using LoRaFuota.Regions;
using LoRaFuota.Service.Campaigns;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Storage.Model;
using LoRaFuota.Storage.Sqlite;
using Xunit.Abstractions;
using LoRaFuota.Testing;

namespace LoRaFuota.Service.Tests;

/// <summary>A campaign made by <see cref="CampaignFactory"/> from an uploaded package runs to the end through the store and the worker.</summary>
public sealed class FactoryCampaignTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-factory-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_uploaded_raw_image_reaches_every_device_with_the_packages_version()
    {
        var clock = new ScaledTimeProvider(100);
        var store = new SqliteFuotaStore(Path.Combine(_temp.Path, "f.db"), clock);
        await store.MigrateAsync();
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2.0.0", Content = RandomNumberGenerator.GetBytes(3000) });
        RegionalParameters region = RegionalParameters.Get(Region.EU868);
        SimulatedFleet fleet = CampaignSimulator.CreateFleet(new SimulationOptions { Fleet = [.. Enumerable.Range(1, 4).Select(i => new FleetDevice { DevEui = new DevEui(0x70B3D57ED0000000UL + (ulong)i), UplinkIntervalSeconds = 120 })], Region = region, RawImageVersion = sha => sha == package.Sha256 ? package.Version : null });
        var request = new CampaignRequest { PackageId = package.Id, Region = "EU868", DataRate = 5, Class = "C", RedundancyPercent = 30 };
        foreach (var device in fleet.Devices)
        {
            request.Devices.Add(new CampaignRequestDevice { DevEui = device.DevEui.ToString(), UplinkIntervalS = 120 });
        }

        NewCampaign record = CampaignFactory.Create(request, (await store.GetPackageAsync(package.Id, withContent: true))!, fleet.Keys, clock.GetUtcNow()).Record;
        Guid id = (await store.CreateCampaignAsync(record)).Id;
        using var server = new SimulatedNetworkServer(new SimulatedNetwork(region, 5, fleet.Devices), clock);
        using var worker = new CampaignWorker(store, server, fleet.Keys, new CampaignWorkerOptions { Owner = "a", LeaseDuration = TimeSpan.FromHours(2), RenewInterval = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromMinutes(1) }, clock);

        await worker.StartAsync(CancellationToken.None);
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while ((await store.GetCampaignAsync(id))!.State == CampaignState.Running && wall.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(100);
        }

        await worker.StopAsync(CancellationToken.None);
        foreach (DeviceRecord device in await store.GetDevicesAsync(id))
        {
            log.WriteLine($"{device.DevEui} {device.State} {device.FailureReason} {device.FirmwareVersion}");
        }

        Assert.All(await store.GetDevicesAsync(id), d => Assert.Equal((OtaState.Updated, "2.0.0"), (d.State, d.FirmwareVersion)));
    }
}

using LoRaFuota.Campaigns;
using LoRaFuota.Planning;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Tests;

/// <summary>A campaign in a store, its virtual devices behind a simulated network server, on a fast clock.</summary>
internal sealed class WorkerBench : IDisposable
{
    private WorkerBench(SimulationSetup setup, ScaledTimeProvider clock, SimulatedNetworkServer server)
    {
        Setup = setup;
        Clock = clock;
        Server = server;
    }

    public SimulationSetup Setup { get; }

    public ScaledTimeProvider Clock { get; }

    public SimulatedNetworkServer Server { get; }

    public Guid CampaignId { get; private set; }

    /// <summary>Lease settings on the fast clock: 10 virtual minutes are 3 s of wall time.</summary>
    public static CampaignWorkerOptions Options(string owner) => new()
    {
        Owner = owner,
        LeaseDuration = TimeSpan.FromMinutes(10),
        RenewInterval = TimeSpan.FromMinutes(2),
        PollInterval = TimeSpan.FromMinutes(1),
    };

    public static WorkerBench Create()
    {
        var simulation = new SimulationOptions
        {
            DeviceCount = 4,
            ImageSize = 6000,
            DataRate = 5,
            Class = MulticastClass.ClassC,
            RedundancyPercent = 30,
            ConfigureDevice = d => d.UplinkInterval = TimeSpan.FromMinutes(2),
        };
        SimulationSetup setup = CampaignSimulator.Prepare(simulation);
        var clock = new ScaledTimeProvider(200);
        return new WorkerBench(setup, clock, new SimulatedNetworkServer(setup.Network, clock));
    }

    /// <summary>Stores the package and the campaign as the service's API would.</summary>
    public async Task<Guid> StoreAsync(IFuotaStore store)
    {
        await store.MigrateAsync();
        FirmwareImage image = Setup.Image;
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = image.Title, Version = image.Version, Content = image.Content });
        var campaign = new NewCampaign { Name = Setup.Campaign.Name, PackageId = package.Id, Parameters = "{}", Snapshot = Setup.Campaign.SaveSnapshot() };
        foreach (DeviceStatus device in Setup.Campaign.GetDevices())
        {
            campaign.Devices.Add(new DeviceRecord { DevEui = device.DevEui, State = device.State, UpdatedAt = Clock.GetUtcNow() });
        }

        CampaignId = (await store.CreateCampaignAsync(campaign)).Id;
        return CampaignId;
    }

    public async Task<StoredCampaign> WaitForEndAsync(IFuotaStore store, TimeSpan limit)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        while (wall.Elapsed < limit)
        {
            StoredCampaign campaign = (await store.GetCampaignAsync(CampaignId))!;
            if (campaign.State != CampaignState.Running)
            {
                return campaign;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"campaign {CampaignId} did not end within {limit}");
    }

    /// <summary>Each data fragment went on air at most once per group.</summary>
    public void AssertNoFragmentSentTwice()
    {
        MulticastTransmission[] fragments = [.. Setup.Network.Log.Multicast.Where(f => f.Kind == MulticastPayloadKind.DataFragment)];
        Assert.NotEmpty(fragments);
        Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FragmentNumber)).Distinct().Count());
        Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FCnt)).Distinct().Count());
    }

    public void Dispose() => Server.Dispose();
}

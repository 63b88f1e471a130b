using LoRaFuota.Campaigns;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using LoRaFuota.Storage.PostgreSql;
using LoRaFuota.Storage.Sqlite;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Service.Tests;

/// <summary>Durable campaigns: run from the store to the end, resumed by another instance after one dies, never a fragment twice.</summary>
public sealed class CampaignWorkerTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _temp = new("lorafuota-worker-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_stored_campaign_runs_to_the_end_with_every_step_saved()
    {
        using WorkerBench bench = WorkerBench.Create();
        var store = new SqliteFuotaStore(Path.Combine(_temp.Path, "one.db"), bench.Clock);
        Guid id = await bench.StoreAsync(store);
        using var worker = new CampaignWorker(store, bench.Server, bench.Setup.Keys, WorkerBench.Options("a"), bench.Clock);

        await worker.StartAsync(CancellationToken.None);
        StoredCampaign running = (await store.GetCampaignAsync(id))!;
        await Assert.ThrowsAsync<PackageInUseException>(() => store.DeletePackageAsync(running.PackageId));
        StoredCampaign ended = await bench.WaitForEndAsync(store, s_limit);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(CampaignState.Completed, ended.State);
        Assert.All(await store.GetDevicesAsync(id), d => Assert.Equal(OtaState.Updated, d.State));
        Assert.All(await store.GetDevicesAsync(id), d => Assert.Equal(bench.Setup.Image.Version, d.FirmwareVersion));
        IReadOnlyList<DeviceHistoryEntry> history = await store.GetHistoryAsync(id);
        foreach (DeviceStatus device in FuotaCampaign.Restore(ended.Snapshot, bench.Setup.Image, bench.Setup.Keys).GetDevices())
        {
            // the stored history is the campaign's, change for change
            Assert.Equal(device.History.Select(h => (h.State, h.At)), history.Where(h => h.DevEui == device.DevEui).Select(h => (h.State, h.At)));
        }

        Assert.Equal(bench.Setup.Network.Log.Multicast.Count(f => f.Kind == MulticastPayloadKind.DataFragment), (await store.GetFragmentsAsync(id)).Count);
        bench.AssertNoFragmentSentTwice();
        Assert.Equal(1, worker.CampaignsEnded);
        Assert.Null(await store.TryClaimAsync("b", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task An_instance_that_dies_mid_delivery_is_taken_over_after_its_lease_and_nothing_is_sent_twice()
    {
        using WorkerBench bench = WorkerBench.Create();
        string path = Path.Combine(_temp.Path, "shared.db");
        Guid id = await bench.StoreAsync(new SqliteFuotaStore(path, bench.Clock));
        await RunOverAsync(bench, () => new SqliteFuotaStore(path, bench.Clock), id);
    }

    [SkippableFact]
    public async Task Two_instances_on_postgresql_one_dies_and_the_other_finishes_the_campaign()
    {
        using PostgreSqlServer database = PostgreSqlServer.CreateDatabase();
        using WorkerBench bench = WorkerBench.Create();
        await using var setupStore = new PostgreSqlFuotaStore(database.ConnectionString, bench.Clock);
        Guid id = await bench.StoreAsync(setupStore);
        var stores = new List<PostgreSqlFuotaStore>();
        try
        {
            await RunOverAsync(
                bench,
                () =>
                {
                    var store = new PostgreSqlFuotaStore(database.ConnectionString, bench.Clock);
                    stores.Add(store);
                    return store;
                },
                id);
        }
        finally
        {
            foreach (PostgreSqlFuotaStore store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    // Two instances on one store: the one holding the campaign dies once fragments are going out; the other takes over
    // when the lease runs out and finishes; every device ends updated and no fragment goes out twice.
    private async Task RunOverAsync(WorkerBench bench, Func<IFuotaStore> open, Guid id)
    {
        var first = new SeveredStore(open());
        var second = new SeveredStore(open());
        using var a = new CampaignWorker(first, bench.Server, bench.Setup.Keys, WorkerBench.Options("instance-a"), bench.Clock);
        using var b = new CampaignWorker(second, bench.Server, bench.Setup.Keys, WorkerBench.Options("instance-b"), bench.Clock);
        await a.StartAsync(CancellationToken.None);
        IFuotaStore observer = open();
        while ((await observer.GetFragmentsAsync(id)).Count < 5)
        {
            await Task.Delay(10);
        }

        first.Sever(); // killed: no release, no last save
        DateTimeOffset diedAt = bench.Clock.GetUtcNow();
        await b.StartAsync(CancellationToken.None);
        StoredCampaign ended = await bench.WaitForEndAsync(observer, s_limit);
        await b.StopAsync(CancellationToken.None);
        await a.StopAsync(CancellationToken.None);

        log.WriteLine($"taken over {(ended.UpdatedAt - diedAt).TotalMinutes:F0} virtual min after the death; fragments not sent again by the second instance: {b.FragmentsSkipped}");
        Assert.Equal(CampaignState.Completed, ended.State);
        Assert.Equal("instance-b", ended.LeaseOwner);
        Assert.All(await observer.GetDevicesAsync(id), d => Assert.Equal(OtaState.Updated, d.State));
        bench.AssertNoFragmentSentTwice();
        Assert.Equal(0, a.CampaignsEnded);
        Assert.Equal(1, b.CampaignsEnded);
    }
}

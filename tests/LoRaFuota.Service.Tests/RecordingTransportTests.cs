using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Service.Durability;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using LoRaFuota.Storage.Sqlite;
using LoRaFuota.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Service.Tests;

/// <summary>A fragment recorded as sent (before a crash, or by the previous holder) is not sent again; polls always go.</summary>
public sealed class RecordingTransportTests : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-recording-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_recorded_fragment_is_skipped_a_new_one_is_recorded_then_sent_and_a_lost_lease_sends_nothing()
    {
        var store = new SqliteFuotaStore(Path.Combine(_temp.Path, "r.db"), _clock);
        await store.MigrateAsync();
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "1", Content = new byte[] { 1 } });
        var campaign = new NewCampaign { Name = "c", PackageId = package.Id, Parameters = "{}", Snapshot = "{}" };
        campaign.Devices.Add(new DeviceRecord { DevEui = new DevEui(1), State = OtaState.Queued, UpdatedAt = _clock.GetUtcNow() });
        await store.CreateCampaignAsync(campaign);
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(1)))!;
        await store.RecordFragmentAsync(lease, new FragmentDelivery(0, 1, 10, _clock.GetUtcNow())); // sent before the crash
        var inner = new CountingTransport();
        var transport = new RecordingTransport(inner, store, () => lease, _clock);

        await transport.SendMulticastAsync(Fragment(1, 10), CancellationToken.None);
        await transport.SendMulticastAsync(Fragment(2, 11), CancellationToken.None);
        await transport.SendMulticastAsync(Fragment(0, 12) with { Kind = MulticastPayloadKind.StatusPoll }, CancellationToken.None);

        Assert.Equal([2, 0], inner.Sent);
        Assert.Equal(1, transport.Skipped);
        Assert.Equal([1, 2], (await store.GetFragmentsAsync(lease.CampaignId)).Select(f => f.Index));
        _clock.Advance(TimeSpan.FromMinutes(2)); // the lease ran out
        await Assert.ThrowsAsync<LeaseLostException>(async () => await transport.SendMulticastAsync(Fragment(3, 13), CancellationToken.None));
        Assert.Equal([2, 0], inner.Sent);
    }

    private static MulticastDownlink Fragment(int n, uint fCnt) =>
        new(n, 0, 201, new byte[] { 8 }, fCnt, default, default, MulticastPayloadKind.DataFragment, n, TimeSpan.FromMilliseconds(100));

    private sealed class CountingTransport : IFuotaTransport
    {
        public List<int> Sent { get; } = [];

        public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken)
        {
            Sent.Add(downlink.FragmentNumber);
            return ValueTask.CompletedTask;
        }

        public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async IAsyncEnumerable<DeviceUplink> ReadUplinksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
    }
}

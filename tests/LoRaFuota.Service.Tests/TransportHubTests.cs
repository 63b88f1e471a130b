using System.Threading.Channels;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Planning;
using LoRaFuota.Service.Routing;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Service.Tests;

/// <summary>One network-server connection, several campaigns: uplinks routed by device, groups kept apart, answers kept across a handover.</summary>
public sealed class TransportHubTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_campaign_reads_the_uplinks_of_its_own_devices_only()
    {
        var inner = new FakeConnection();
        using var hub = new TransportHub(inner, _clock, TimeSpan.FromMinutes(1));
        using CampaignTransport a = hub.Open([new DevEui(1), new DevEui(2)]);
        using CampaignTransport b = hub.Open([new DevEui(3)]);

        inner.Receive(3, 1, 2, 3);

        Assert.Equal(new ulong[] { 1ul, 2ul }, await ReadAsync(a, 2));
        Assert.Equal(new ulong[] { 3ul }, await ReadAsync(b, 1));
    }

    [Fact]
    public async Task An_uplink_of_a_device_nobody_runs_is_kept_for_the_campaign_opened_within_the_retention_and_dropped_after()
    {
        var inner = new FakeConnection();
        using var hub = new TransportHub(inner, _clock, TimeSpan.FromMinutes(1));
        using (CampaignTransport other = hub.Open([new DevEui(9)]))
        {
            inner.Receive(7, 8, 9);
            Assert.Equal(new ulong[] { 9ul }, await ReadAsync(other, 1));
            Assert.Equal(2, hub.RetainedCount);
        }

        using (CampaignTransport later = hub.Open([new DevEui(7)]))
        {
            Assert.Equal(new ulong[] { 7ul }, await ReadAsync(later, 1)); // it arrived before the campaign was claimed here
        }

        using CampaignTransport keep = hub.Open([new DevEui(5)]);
        _clock.Advance(TimeSpan.FromMinutes(2));
        using CampaignTransport late = hub.Open([new DevEui(8)]);
        inner.Receive(8);
        Assert.Equal(new ulong[] { 8ul }, await ReadAsync(late, 1)); // only the new one: the kept one had expired
        Assert.Equal(0, hub.RetainedCount);
    }

    [Fact]
    public async Task A_backlog_read_late_is_as_old_as_the_network_server_says()
    {
        var inner = new FakeConnection();
        using var hub = new TransportHub(inner, _clock, TimeSpan.FromMinutes(1));
        inner.Receive(_clock.GetUtcNow() - TimeSpan.FromMinutes(5), 7); // received long ago, read only now
        inner.Receive(_clock.GetUtcNow() - TimeSpan.FromSeconds(10), 8);
        using (CampaignTransport other = hub.Open([new DevEui(9)]))
        {
            await WaitUntilAsync(() => inner.Waiting == 0 && hub.RetainedCount == 1); // both read; the old one dropped at once
        }

        using CampaignTransport stale = hub.Open([new DevEui(7), new DevEui(8)]);
        Assert.Equal(new ulong[] { 8 }, await ReadAsync(stale, 1));
        Assert.Equal(0, hub.RetainedCount);
    }

    [Fact]
    public async Task An_idle_hub_does_not_read_the_connection()
    {
        var inner = new FakeConnection();
        using var hub = new TransportHub(inner, _clock, TimeSpan.FromMinutes(1));
        using (CampaignTransport view = hub.Open([new DevEui(1)]))
        {
            inner.Receive(1);
            Assert.Equal(new ulong[] { 1ul }, await ReadAsync(view, 1));
        }

        await WaitUntilAsync(() => inner.Readers == 0);
        inner.Receive(4);
        await Task.Delay(50);
        Assert.Equal(1, inner.Waiting); // left in the connection for whoever reads it next
    }

    [Fact]
    public async Task Two_campaigns_group_0_become_different_groups_on_the_connection_and_frames_follow_them()
    {
        var inner = new FakeConnection();
        using var hub = new TransportHub(inner, _clock, TimeSpan.FromMinutes(1));
        using CampaignTransport a = hub.Open([new DevEui(1)]);
        using CampaignTransport b = hub.Open([new DevEui(2)]);

        await a.CreateMulticastGroupAsync(Group(0, 0xA), CancellationToken.None);
        await b.CreateMulticastGroupAsync(Group(0, 0xB), CancellationToken.None);
        await b.SendMulticastAsync(Frame(0), CancellationToken.None);
        await a.SendMulticastAsync(Frame(0), CancellationToken.None);
        await a.DeleteMulticastGroupAsync(new MulticastGroupDeletion(9, 0), CancellationToken.None);

        Assert.Equal([(0xAu, 0), (0xBu, 1)], inner.Created);
        Assert.Equal([1, 0], inner.Frames);
        Assert.Equal([0], inner.Deleted);
        Assert.Equal("group-1", b.GetGroupState(0));
        Assert.Null(a.GetGroupState(0)); // deleted

        using CampaignTransport resumed = hub.Open([new DevEui(3)]);
        resumed.RestoreGroupState(0, "group-7");
        await resumed.SendMulticastAsync(Frame(0), CancellationToken.None);
        Assert.Equal(2, inner.Frames[^1]);
        Assert.Equal("group-7", resumed.GetGroupState(0));
    }

    private static MulticastGroupCreation Group(int group, uint mcAddr) =>
        new(1, group, mcAddr, default, default, 0, MulticastClass.ClassC, 5, 869_525_000, 0, [], default, default);

    private static MulticastDownlink Frame(int group) =>
        new(2, group, 201, new byte[] { 8 }, 1, default, default, MulticastPayloadKind.DataFragment, 1, TimeSpan.FromMilliseconds(100));

    private static async Task<ulong[]> ReadAsync(CampaignTransport view, int count)
    {
        using var timeout = new CancellationTokenSource(s_wait); // a bound on the test, not a measurement
        var read = new List<ulong>();
        await foreach (DeviceUplink uplink in view.ReadUplinksAsync(timeout.Token))
        {
            read.Add(uplink.DevEui.Value);
            if (read.Count == count)
            {
                break;
            }
        }

        return [.. read];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        while (!condition())
        {
            Assert.True(wall.Elapsed < s_wait, "timed out");
            await Task.Delay(10);
        }
    }

    /// <summary>A network-server connection: uplinks the test pushes, a record of groups and frames, and a group reference per group number.</summary>
    private sealed class FakeConnection : IFuotaTransport, IResumableTransport
    {
        private readonly Channel<DeviceUplink> _uplinks = Channel.CreateUnbounded<DeviceUplink>();
        private readonly Dictionary<int, string> _states = [];
        private int _readers;

        public List<(uint McAddr, int Group)> Created { get; } = [];

        public List<int> Frames { get; } = [];

        public List<int> Deleted { get; } = [];

        public int Readers => Volatile.Read(ref _readers);

        public int Waiting => _uplinks.Reader.Count;

        public void Receive(params ulong[] devices) => Receive(default, devices);

        public void Receive(DateTimeOffset receivedAt, params ulong[] devices)
        {
            foreach (ulong device in devices)
            {
                _uplinks.Writer.TryWrite(new DeviceUplink(new DevEui(device), 201, new byte[] { 1 }, receivedAt));
            }
        }

        public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken)
        {
            Created.Add((group.McAddr, group.Group));
            _states[group.Group] = $"group-{group.Group}";
            return ValueTask.CompletedTask;
        }

        public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken)
        {
            Frames.Add(downlink.Group);
            return ValueTask.CompletedTask;
        }

        public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken)
        {
            Deleted.Add(deletion.Group);
            _states.Remove(deletion.Group);
            return ValueTask.CompletedTask;
        }

        public async IAsyncEnumerable<DeviceUplink> ReadUplinksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _readers);
            try
            {
                while (await _uplinks.Reader.WaitToReadAsync(cancellationToken))
                {
                    while (_uplinks.Reader.TryRead(out DeviceUplink uplink))
                    {
                        yield return uplink;
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref _readers);
            }
        }

        public string? GetGroupState(int group) => _states.GetValueOrDefault(group);

        public void RestoreGroupState(int group, string state) => _states[group] = state;
    }
}

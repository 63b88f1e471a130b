using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;

namespace LoRaFuota.Service.Routing;

/// <summary>
/// One campaign's view of a <see cref="TransportHub"/>: the uplinks of its devices, and its group numbers mapped to
/// numbers unique on the shared connection (the network server's reference to a group is kept under that number).
/// </summary>
internal sealed class CampaignTransport : IFuotaTransport, IResumableTransport, IDisposable
{
    private readonly TransportHub _hub;
    private readonly Channel<DeviceUplink> _uplinks = Channel.CreateUnbounded<DeviceUplink>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, int> _groups = new();

    internal CampaignTransport(TransportHub hub, HashSet<DevEui> devices)
    {
        _hub = hub;
        Devices = devices;
    }

    public NetworkServerCapabilities Capabilities => _hub.Inner.Capabilities;

    internal HashSet<DevEui> Devices { get; }

    public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => _hub.Inner.SendUnicastAsync(downlink, cancellationToken);

    public ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        int shared = _groups.GetOrAdd(group.Group, _ => _hub.NextGroup());
        return _hub.Inner.CreateMulticastGroupAsync(group with { Group = shared }, cancellationToken);
    }

    public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        return _hub.Inner.SendMulticastAsync(downlink with { Group = Shared(downlink.Group) }, cancellationToken);
    }

    public async ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        await _hub.Inner.DeleteMulticastGroupAsync(deletion with { Group = Shared(deletion.Group) }, cancellationToken).ConfigureAwait(false);
        _groups.TryRemove(deletion.Group, out _);
    }

    public async IAsyncEnumerable<DeviceUplink> ReadUplinksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _uplinks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_uplinks.Reader.TryRead(out DeviceUplink uplink))
            {
                yield return uplink;
            }
        }
    }

    public string? GetGroupState(int group) =>
        _hub.Inner is IResumableTransport resumable && _groups.TryGetValue(group, out int shared) ? resumable.GetGroupState(shared) : null;

    public void RestoreGroupState(int group, string state)
    {
        // Only a resumable connection ever gave a state to store; another kind has nothing to restore.
        if (_hub.Inner is IResumableTransport resumable)
        {
            int shared = _groups.GetOrAdd(group, _ => _hub.NextGroup());
            resumable.RestoreGroupState(shared, state);
        }
    }

    public void Dispose()
    {
        _hub.Close(this);
        _uplinks.Writer.TryComplete();
    }

    internal void Deliver(DeviceUplink uplink) => _uplinks.Writer.TryWrite(uplink);

    internal void End(Exception? failure) => _uplinks.Writer.TryComplete(failure);

    // A group the campaign never created here (a frame for it is refused by the connection as unknown).
    private int Shared(int group) => _groups.TryGetValue(group, out int shared) ? shared : -1 - group;
}

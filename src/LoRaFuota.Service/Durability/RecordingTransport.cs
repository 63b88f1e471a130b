using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Durability;

/// <summary>
/// The network server as a leased campaign sees it: a data fragment is recorded in the store (fenced by the lease)
/// before it is handed over, and one already recorded — sent before a crash or by the instance that held the campaign
/// before — is not sent again. At most once: a fragment recorded just before a crash is lost rather than doubled, which
/// the code's redundancy and the status polls cover. The network server's reference to each multicast group created is
/// stored too, so a campaign resumed in another process reaches the same group.
/// </summary>
internal sealed class RecordingTransport(IFuotaTransport inner, IFuotaStore store, Func<CampaignLease> lease, TimeProvider time) : IFuotaTransport
{
    public NetworkServerCapabilities Capabilities => inner.Capabilities;

    /// <summary>Gets the fragments not sent because they were already recorded.</summary>
    public int Skipped { get; private set; }

    public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => inner.SendUnicastAsync(downlink, cancellationToken);

    public async ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken)
    {
        await inner.CreateMulticastGroupAsync(group, cancellationToken).ConfigureAwait(false);
        if (inner is IResumableTransport resumable && resumable.GetGroupState(group.Group) is string state)
        {
            // A campaign resumed elsewhere must reach this group: keep the network server's reference with the campaign.
            await store.SaveGroupStateAsync(lease(), group.Group, state, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken)
    {
        if (downlink.Kind == MulticastPayloadKind.DataFragment
            && !await store.RecordFragmentAsync(lease(), new FragmentDelivery(downlink.Group, downlink.FragmentNumber, downlink.FCnt, time.GetUtcNow()), cancellationToken).ConfigureAwait(false))
        {
            Skipped++;
            return;
        }

        await inner.SendMulticastAsync(downlink, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) => inner.DeleteMulticastGroupAsync(deletion, cancellationToken);

    public IAsyncEnumerable<DeviceUplink> ReadUplinksAsync(CancellationToken cancellationToken) => inner.ReadUplinksAsync(cancellationToken);
}

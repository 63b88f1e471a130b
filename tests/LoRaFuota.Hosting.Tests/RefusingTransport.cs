using LoRaFuota.Campaigns;

namespace LoRaFuota.Hosting.Tests;

/// <summary>A transport that passes everything through except group creation, which it refuses or never answers.</summary>
internal sealed class RefusingTransport(IFuotaTransport inner, bool refuseGroups = false, bool hangOnGroups = false) : IFuotaTransport
{
    private volatile bool _hanging;

    public static bool Hanging(IFuotaTransport transport) => transport is RefusingTransport { _hanging: true };

    public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => inner.SendUnicastAsync(downlink, cancellationToken);

    public async ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken)
    {
        if (refuseGroups)
        {
            throw new FuotaTransportException("no room for another group");
        }

        if (hangOnGroups)
        {
            _hanging = true;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await inner.CreateMulticastGroupAsync(group, cancellationToken);
    }

    public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken) => inner.SendMulticastAsync(downlink, cancellationToken);

    public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) => inner.DeleteMulticastGroupAsync(deletion, cancellationToken);

    public IAsyncEnumerable<DeviceUplink> ReadUplinksAsync(CancellationToken cancellationToken) => inner.ReadUplinksAsync(cancellationToken);
}

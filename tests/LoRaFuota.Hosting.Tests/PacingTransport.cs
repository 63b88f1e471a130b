using LoRaFuota.Campaigns;

namespace LoRaFuota.Hosting.Tests;

/// <summary>Passes every call through and reports the capabilities of a server that paces multicast itself.</summary>
internal sealed class PacingTransport(IFuotaTransport inner, TimeSpan spacing) : IFuotaTransport
{
    public NetworkServerCapabilities Capabilities { get; } = new() { AssignsFrameCounters = true, MinimumMulticastSpacing = spacing };

    public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => inner.SendUnicastAsync(downlink, cancellationToken);

    public ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken) => inner.CreateMulticastGroupAsync(group, cancellationToken);

    public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken) => inner.SendMulticastAsync(downlink, cancellationToken);

    public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) => inner.DeleteMulticastGroupAsync(deletion, cancellationToken);

    public IAsyncEnumerable<DeviceUplink> ReadUplinksAsync(CancellationToken cancellationToken) => inner.ReadUplinksAsync(cancellationToken);
}

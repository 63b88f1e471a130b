using LoRaFuota.Campaigns;

namespace LoRaFuota.Hosting;

/// <summary>
/// The network-server seam: what a campaign needs from ChirpStack, The Things Stack, an emulator or a simulator. Each
/// method carries out one <see cref="CampaignAction"/>; throw <see cref="FuotaTransportException"/> when the server
/// refuses it (the campaign then retries or fails the devices that depended on it).
/// </summary>
public interface IFuotaTransport
{
    /// <summary>Queues a unicast downlink (class A devices get it after their next uplink).</summary>
    /// <param name="downlink">The downlink.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has taken it.</returns>
    ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken);

    /// <summary>Creates a multicast group with the given address, session keys, first frame counter, class, data rate and frequency.</summary>
    /// <param name="group">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the group exists.</returns>
    ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken);

    /// <summary>Queues a multicast downlink for transmission at <see cref="MulticastDownlink.NotBefore"/> with <see cref="MulticastDownlink.FCnt"/>.</summary>
    /// <param name="downlink">The downlink.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has queued it.</returns>
    ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken);

    /// <summary>Deletes a multicast group (and whatever is still queued for it).</summary>
    /// <param name="deletion">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the group is gone.</returns>
    ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken);

    /// <summary>Reads the devices' uplinks as the server receives them, until cancelled.</summary>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The uplinks.</returns>
    IAsyncEnumerable<DeviceUplink> ReadUplinksAsync(CancellationToken cancellationToken);

    /// <summary>Gets what the network server decides on its own; the runner refuses a campaign planned against it.</summary>
    NetworkServerCapabilities Capabilities => NetworkServerCapabilities.EngineControlled;
}

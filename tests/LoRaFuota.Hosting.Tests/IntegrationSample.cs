// The sample of docs/integration.md, kept compiling and tested (IntegrationSampleTests checks the page shows it as is).
using System.Threading.Channels;
using LoRaFuota;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;

namespace MyCompany.Fuota;

// begin sample
/// <summary>Your network server's API, as your integration already talks to it.</summary>
public interface IMyNetworkServerClient
{
    Task EnqueueDownlinkAsync(string devEui, byte fPort, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    Task CreateMulticastGroupAsync(string name, string mcAddr, string mcAppSKey, string mcNwkSKey, uint firstFCnt, string groupClass, int dataRate, uint frequencyHz, byte periodicity, IEnumerable<string> devEuis, CancellationToken cancellationToken);

    Task EnqueueMulticastAsync(string name, byte fPort, ReadOnlyMemory<byte> payload, uint fCnt, DateTimeOffset notBefore, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task DeleteMulticastGroupAsync(string name, CancellationToken cancellationToken);
}

/// <summary>LoRaFuota's transport over that API. Uplinks come in through <see cref="OnUplink"/> (your MQTT or webhook handler).</summary>
public sealed class MyNetworkServerTransport(IMyNetworkServerClient client, string campaignName) : IFuotaTransport
{
    private readonly Channel<DeviceUplink> _uplinks = Channel.CreateBounded<DeviceUplink>(10_000);

    /// <summary>Call for every uplink the network server delivers (any port: the campaign ignores what is not its own).</summary>
    public ValueTask OnUplink(string devEui, byte fPort, byte[] payload, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        _uplinks.Writer.WriteAsync(new DeviceUplink(DevEui.Parse(devEui), fPort, payload, receivedAt), cancellationToken);

    public async ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) =>
        await client.EnqueueDownlinkAsync(downlink.DevEui.ToString(), downlink.FPort, downlink.Payload, cancellationToken);

    public async ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken) =>
        await client.CreateMulticastGroupAsync(
            $"{campaignName}-{group.Group}",
            group.McAddr.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            group.McAppSKey.ToHexString(),     // secret: hand it to the server, never to a log
            group.McNwkSKey.ToHexString(),
            group.FirstFCnt,                   // the server must count from here: it is what the devices were told
            group.Class.ToString(),
            group.DataRate,
            group.FrequencyHz,
            group.Periodicity,
            group.Devices.Select(d => d.ToString()),
            cancellationToken);

    public async ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken) =>
        await client.EnqueueMulticastAsync($"{campaignName}-{downlink.Group}", downlink.FPort, downlink.Payload, downlink.FCnt, downlink.NotBefore, downlink.ExpiresAt, cancellationToken);

    public async ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) =>
        await client.DeleteMulticastGroupAsync($"{campaignName}-{deletion.Group}", cancellationToken);

    public IAsyncEnumerable<DeviceUplink> ReadUplinksAsync(CancellationToken cancellationToken) => _uplinks.Reader.ReadAllAsync(cancellationToken);
}
// end sample

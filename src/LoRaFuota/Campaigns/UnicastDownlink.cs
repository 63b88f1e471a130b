namespace LoRaFuota.Campaigns;

/// <summary>Queue a unicast downlink for a device (class A: delivered after its next uplink).</summary>
/// <param name="Id">The action id.</param>
/// <param name="DevEui">The device.</param>
/// <param name="FPort">The FPort.</param>
/// <param name="Payload">The FRMPayload (plain; the network server encrypts it).</param>
/// <param name="Command">What it carries, for logs ("McGroupSetupReq", "DataFragment 12"...).</param>
public sealed record UnicastDownlink(long Id, DevEui DevEui, byte FPort, ReadOnlyMemory<byte> Payload, string Command) : CampaignAction(Id);

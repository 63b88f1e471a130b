namespace LoRaFuota.Campaigns;

/// <summary>An uplink the network server received from a campaign device.</summary>
/// <param name="DevEui">The device.</param>
/// <param name="FPort">The FPort.</param>
/// <param name="Payload">The decrypted FRMPayload.</param>
/// <param name="ReceivedAt">
/// When it was received, as precisely as the server knows (a GNSS gateway's GPS time first, then the gateway's time,
/// then the server's): TS003 clock corrections are computed from it.
/// </param>
public readonly record struct DeviceUplink(DevEui DevEui, byte FPort, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);

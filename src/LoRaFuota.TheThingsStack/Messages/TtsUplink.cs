namespace LoRaFuota.TheThingsStack.Messages;

/// <summary>An uplink as The Things Stack publishes it on <c>v3/{app}/devices/{dev}/up</c> (<c>uplink_message</c>).</summary>
/// <param name="DeviceId">The device id (<c>end_device_ids.device_id</c>).</param>
/// <param name="DevEui">The DevEUI (<c>end_device_ids.dev_eui</c>), when the server gives it.</param>
/// <param name="FPort">The FPort (0 for MAC-only frames).</param>
/// <param name="FCnt">The uplink frame counter.</param>
/// <param name="Payload">The decrypted FRMPayload.</param>
/// <param name="GpsTime">The earliest <c>rx_metadata[].gps_time</c>: end of the transmission by a GPS gateway's clock.</param>
/// <param name="GatewayTime">The earliest <c>rx_metadata[].time</c>: end of the transmission by a gateway's clock.</param>
/// <param name="NetworkReceivedAt"><c>uplink_message.received_at</c>: when the Network Server received it.</param>
/// <param name="ReceivedAt">The envelope's <c>received_at</c>: when the Application Server received it.</param>
/// <param name="UplinkId">What identifies this uplink: the <c>as:up:</c> correlation id, else the session key id and frame counter.</param>
public sealed record TtsUplink(
    string DeviceId,
    DevEui? DevEui,
    byte FPort,
    uint FCnt,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset? GpsTime,
    DateTimeOffset? GatewayTime,
    DateTimeOffset? NetworkReceivedAt,
    DateTimeOffset? ReceivedAt,
    string UplinkId);

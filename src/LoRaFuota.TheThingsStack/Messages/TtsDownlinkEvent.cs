namespace LoRaFuota.TheThingsStack.Messages;

/// <summary>A downlink outcome from <c>v3/{app}/devices/{dev}/down/{kind}</c>.</summary>
/// <param name="Kind">Queued, sent, failed, ack or nack.</param>
/// <param name="DeviceId">The device (or multicast pseudo-device) id.</param>
/// <param name="CorrelationIds">The downlink's correlation ids, including the engine's own.</param>
/// <param name="FCnt">The frame counter the server gave the downlink, when the event carries it.</param>
/// <param name="Error">Why it failed (<c>downlink_failed.error</c>), for <see cref="TtsDownlinkEventKind.Failed"/>.</param>
public sealed record TtsDownlinkEvent(TtsDownlinkEventKind Kind, string DeviceId, IReadOnlyList<string> CorrelationIds, uint? FCnt, string? Error);

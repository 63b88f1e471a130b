namespace LoRaFuota.Campaigns.Events;

/// <summary>An uplink (or part of one) could not be used: unknown device, malformed payload, unexpected answer.</summary>
/// <param name="At">When.</param>
/// <param name="DevEui">The device.</param>
/// <param name="FPort">The FPort.</param>
/// <param name="Reason">What was wrong.</param>
public sealed record UplinkRejected(DateTimeOffset At, DevEui DevEui, byte FPort, string Reason) : CampaignEvent(At);

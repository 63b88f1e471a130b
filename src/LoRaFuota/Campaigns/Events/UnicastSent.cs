namespace LoRaFuota.Campaigns.Events;

/// <summary>A unicast downlink was queued for a device.</summary>
/// <param name="At">When.</param>
/// <param name="DevEui">The device.</param>
/// <param name="FPort">The FPort.</param>
/// <param name="Command">What it carries.</param>
/// <param name="Attempt">1 for the first send, more for retries.</param>
public sealed record UnicastSent(DateTimeOffset At, DevEui DevEui, byte FPort, string Command, int Attempt) : CampaignEvent(At);

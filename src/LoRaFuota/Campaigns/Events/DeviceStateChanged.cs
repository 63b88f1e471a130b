namespace LoRaFuota.Campaigns.Events;

/// <summary>A device moved to another <see cref="OtaState"/>.</summary>
/// <param name="At">When.</param>
/// <param name="DevEui">The device.</param>
/// <param name="From">The previous state.</param>
/// <param name="To">The new state.</param>
/// <param name="Reason">Why it failed, for <see cref="OtaState.Failed"/>.</param>
public sealed record DeviceStateChanged(DateTimeOffset At, DevEui DevEui, OtaState From, OtaState To, DeviceFailureReason Reason) : CampaignEvent(At);

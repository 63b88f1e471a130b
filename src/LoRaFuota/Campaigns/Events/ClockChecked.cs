namespace LoRaFuota.Campaigns.Events;

/// <summary>A device sent AppTimeReq: its clock error, and whether it got a correction.</summary>
/// <param name="At">When.</param>
/// <param name="DevEui">The device.</param>
/// <param name="CorrectionSeconds">Server time minus device time, in seconds.</param>
/// <param name="Answered">Whether an AppTimeAns was queued.</param>
public sealed record ClockChecked(DateTimeOffset At, DevEui DevEui, long CorrectionSeconds, bool Answered) : CampaignEvent(At);

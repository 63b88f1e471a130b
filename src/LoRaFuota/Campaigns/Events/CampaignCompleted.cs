namespace LoRaFuota.Campaigns.Events;

/// <summary>Every device is Updated or Failed and every group and session is torn down.</summary>
/// <param name="At">When.</param>
/// <param name="Updated">Devices updated.</param>
/// <param name="Failed">Devices failed.</param>
/// <param name="Cancelled">Whether the campaign was cancelled.</param>
public sealed record CampaignCompleted(DateTimeOffset At, int Updated, int Failed, bool Cancelled) : CampaignEvent(At);

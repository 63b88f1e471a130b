namespace LoRaFuota.Campaigns.Events;

/// <summary>The network server refused an action.</summary>
/// <param name="At">When it was reported.</param>
/// <param name="ActionId">The action.</param>
/// <param name="Error">Why.</param>
public sealed record ActionFailed(DateTimeOffset At, long ActionId, string Error) : CampaignEvent(At);

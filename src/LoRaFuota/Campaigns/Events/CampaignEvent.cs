namespace LoRaFuota.Campaigns.Events;

/// <summary>Something that happened in a campaign, for progress reports, logs and metrics.</summary>
/// <param name="At">When (campaign time).</param>
public abstract record CampaignEvent(DateTimeOffset At);

using LoRaFuota.Campaigns.Events;

namespace LoRaFuota.Campaigns;

/// <summary>What a campaign decided when it was given the time, an uplink, an outcome or a cancel.</summary>
/// <param name="Actions">What to do now, in order.</param>
/// <param name="Events">What happened.</param>
/// <param name="NextWakeUp">When to call <see cref="FuotaCampaign.Advance"/> next (null when nothing is timed).</param>
/// <param name="Completed">Whether the campaign has finished.</param>
public sealed record CampaignStep(IReadOnlyList<CampaignAction> Actions, IReadOnlyList<CampaignEvent> Events, DateTimeOffset? NextWakeUp, bool Completed);

namespace LoRaFuota.Storage.Model;

/// <summary>
/// The right to run one campaign until <see cref="ExpiresAt"/>: every write for the campaign must present it and fails
/// with <see cref="LeaseLostException"/> once another instance has taken the campaign over.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Owner">The instance holding it.</param>
/// <param name="Token">A value new at every claim: the fence.</param>
/// <param name="ExpiresAt">When the lease runs out unless renewed.</param>
public sealed record CampaignLease(Guid CampaignId, string Owner, Guid Token, DateTimeOffset ExpiresAt);

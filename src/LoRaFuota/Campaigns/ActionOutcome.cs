namespace LoRaFuota.Campaigns;

/// <summary>What became of a <see cref="CampaignAction"/>: tell the campaign when one failed (successes may be reported too).</summary>
/// <param name="ActionId">The action's id.</param>
/// <param name="Succeeded">Whether the network server took it.</param>
/// <param name="Error">Why not, in words.</param>
public readonly record struct ActionOutcome(long ActionId, bool Succeeded, string? Error = null);

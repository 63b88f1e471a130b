namespace LoRaFuota.Campaigns;

/// <summary>Something the campaign asks the network server to do. The transport carries it out and may report an <see cref="ActionOutcome"/>.</summary>
/// <param name="Id">The campaign-unique id, for <see cref="ActionOutcome.ActionId"/>.</param>
public abstract record CampaignAction(long Id);

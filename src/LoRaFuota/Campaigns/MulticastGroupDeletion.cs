namespace LoRaFuota.Campaigns;

/// <summary>Delete a multicast group from the network server (its session window has closed, or the campaign was cancelled).</summary>
/// <param name="Id">The action id.</param>
/// <param name="Group">The campaign's group number.</param>
public sealed record MulticastGroupDeletion(long Id, int Group) : CampaignAction(Id);

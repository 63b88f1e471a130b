namespace LoRaFuota.Campaigns.Events;

/// <summary>A group's session window closed and the group was deleted from the network server.</summary>
/// <param name="At">When.</param>
/// <param name="Group">The group number.</param>
/// <param name="FragmentsSent">The DataFragments multicast.</param>
/// <param name="Polls">The status polls multicast.</param>
public sealed record GroupClosed(DateTimeOffset At, int Group, int FragmentsSent, int Polls) : CampaignEvent(At);

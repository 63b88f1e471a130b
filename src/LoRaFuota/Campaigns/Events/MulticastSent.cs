namespace LoRaFuota.Campaigns.Events;

/// <summary>A multicast downlink was handed to the network server.</summary>
/// <param name="At">When it was handed over.</param>
/// <param name="Group">The group number.</param>
/// <param name="Kind">A fragment or a status poll.</param>
/// <param name="FragmentNumber">The DataFragment N, or 0.</param>
/// <param name="FCnt">Its frame counter.</param>
/// <param name="NotBefore">When it is transmitted.</param>
/// <param name="Airtime">Its time on air.</param>
public sealed record MulticastSent(DateTimeOffset At, int Group, MulticastPayloadKind Kind, int FragmentNumber, uint FCnt, DateTimeOffset NotBefore, TimeSpan Airtime) : CampaignEvent(At);

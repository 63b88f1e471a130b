namespace LoRaFuota.Campaigns;

/// <summary>Queue a multicast downlink for transmission at a given time with a given frame counter.</summary>
/// <param name="Id">The action id.</param>
/// <param name="Group">The campaign's group number.</param>
/// <param name="FPort">The FPort (the devices' TS004 port).</param>
/// <param name="Payload">The FRMPayload.</param>
/// <param name="FCnt">The multicast frame counter; each is used once and they rise.</param>
/// <param name="NotBefore">When to transmit it (a class B ping slot for class B groups).</param>
/// <param name="ExpiresAt">When the devices stop listening: drop it rather than send it later.</param>
/// <param name="Kind">A fragment or a status poll.</param>
/// <param name="FragmentNumber">The DataFragment N, or 0 for a poll.</param>
/// <param name="Airtime">Its time on air.</param>
public sealed record MulticastDownlink(
    long Id,
    int Group,
    byte FPort,
    ReadOnlyMemory<byte> Payload,
    uint FCnt,
    DateTimeOffset NotBefore,
    DateTimeOffset ExpiresAt,
    MulticastPayloadKind Kind,
    int FragmentNumber,
    TimeSpan Airtime) : CampaignAction(Id);

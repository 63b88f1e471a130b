namespace LoRaFuota.Campaigns;

/// <summary>What a multicast downlink carries.</summary>
public enum MulticastPayloadKind
{
    /// <summary>A DataFragment.</summary>
    DataFragment = 0,

    /// <summary>A FragSessionStatusReq.</summary>
    StatusPoll,
}

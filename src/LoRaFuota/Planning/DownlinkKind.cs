namespace LoRaFuota.Planning;

/// <summary>What a scheduled downlink carries.</summary>
public enum DownlinkKind
{
    /// <summary>A TS004 DataFragment (uncoded or coded).</summary>
    DataFragment = 0,

    /// <summary>A multicast TS004 FragSessionStatusReq asking devices that still miss fragments to answer.</summary>
    FragSessionStatusReq,
}

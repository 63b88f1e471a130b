namespace LoRaFuota.Planning;

/// <summary>How several gateways send the same multicast frame.</summary>
public enum GatewayMode
{
    /// <summary>One after another (ChirpStack's DELAY): each fragment takes one slot per gateway.</summary>
    Sequential = 0,

    /// <summary>At the same instant (GPS-synchronised gateways): the session is no longer than with one gateway.</summary>
    Simultaneous,
}

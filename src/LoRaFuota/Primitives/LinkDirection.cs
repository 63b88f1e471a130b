namespace LoRaFuota;

/// <summary>The direction of a LoRaWAN frame. Command identifiers mean different commands in each direction.</summary>
public enum LinkDirection : byte
{
    /// <summary>Device to network (the device's answers and requests).</summary>
    Uplink = 0,

    /// <summary>Network to device (the server's requests, answers and data fragments).</summary>
    Downlink = 1,
}

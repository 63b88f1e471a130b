namespace LoRaFuota.Regions;

/// <summary>The modulation of a data rate.</summary>
public enum Modulation
{
    /// <summary>LoRa chirp spread spectrum.</summary>
    LoRa = 0,

    /// <summary>GFSK, 50 kbit/s in LoRaWAN.</summary>
    Fsk,

    /// <summary>LR-FHSS; uplink only, never used for FUOTA downlinks.</summary>
    LrFhss,
}

namespace LoRaFuota.Regions;

/// <summary>One data rate of a region: its modulation and the largest payloads it carries.</summary>
/// <param name="Index">The data-rate index (DR).</param>
/// <param name="Modulation">The modulation.</param>
/// <param name="SpreadingFactor">The LoRa spreading factor (5–12); 0 for FSK and LR-FHSS.</param>
/// <param name="BandwidthHz">The LoRa bandwidth in Hz; 0 for FSK.</param>
/// <param name="BitRate">The FSK bit rate in bit/s; 0 for LoRa.</param>
/// <param name="MaxMacPayload">M: the largest MACPayload in bytes.</param>
/// <param name="MaxPayload">N: the largest FRMPayload with empty FOpts, without a repeater.</param>
/// <param name="MaxPayloadRepeater">N when the network must stay repeater-compatible.</param>
public sealed record DataRate(
    int Index,
    Modulation Modulation,
    int SpreadingFactor,
    int BandwidthHz,
    int BitRate,
    int MaxMacPayload,
    int MaxPayload,
    int MaxPayloadRepeater)
{
    /// <summary>The header bytes of a DataFragment FRMPayload: CID and Index&amp;N.</summary>
    public const int DataFragmentOverhead = 3;

    /// <summary>Gets the largest fragment this data rate carries (N − 3), or 0 when it carries none.</summary>
    /// <param name="repeaterCompatible">Whether to use the repeater-compatible N.</param>
    /// <returns>The largest FragSize, capped at 255.</returns>
    public int GetMaxFragmentSize(bool repeaterCompatible = false) =>
        Math.Clamp((repeaterCompatible ? MaxPayloadRepeater : MaxPayload) - DataFragmentOverhead, 0, byte.MaxValue);

    /// <summary>Gets a short description such as "SF9/125 kHz" or "FSK 50 kbit/s".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Modulation switch
    {
        Modulation.LoRa => FormattableString.Invariant($"DR{Index} SF{SpreadingFactor}/{BandwidthHz / 1000} kHz"),
        Modulation.Fsk => FormattableString.Invariant($"DR{Index} FSK {BitRate / 1000} kbit/s"),
        _ => FormattableString.Invariant($"DR{Index} LR-FHSS"),
    };
}

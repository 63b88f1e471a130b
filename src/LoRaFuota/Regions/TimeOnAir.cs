namespace LoRaFuota.Regions;

/// <summary>Time on air of LoRa and FSK frames (SX127x/SX126x datasheet formulas; LoRaMac-node uses the same).</summary>
/// <remarks>
/// <code>
/// T_sym = 2^SF / BW
/// SF7–SF12: N_sym = (preamble + 4.25) + 8 + max(⌈(8·PL − 4·SF + 28 + 16·CRC − 20·IH) / (4·(SF − 2·DE))⌉·(CR + 4), 0)
/// SF5–SF6:  N_sym = (max(preamble, 12) + 6.25) + 8 + max(⌈(8·PL − 4·SF + 20 + 16·CRC − 20·IH) / (4·SF)⌉·(CR + 4), 0)
/// FSK:      T = 8·(preamble 5 + sync 3 + length 1 + PL + CRC 2) / bitrate
/// </code>
/// LoRaWAN uses CR 4/5 (1), an explicit header (IH = 0), 8 preamble symbols, and CRC on uplinks only. DE (low
/// data-rate optimisation) is on for SF11 and SF12 at 125 kHz and SF12 at 250 kHz.
/// </remarks>
public static class TimeOnAir
{
    /// <summary>The LoRaWAN PHYPayload overhead around an FRMPayload without FOpts: MHDR 1, FHDR 7, FPort 1, MIC 4.</summary>
    public const int PhyOverhead = 13;

    private const int FskPreambleBytes = 5;
    private const int FskSyncBytes = 3;
    private const int FskLengthBytes = 1;
    private const int FskCrcBytes = 2;

    /// <summary>Computes the time on air of a LoRa frame.</summary>
    /// <param name="spreadingFactor">5 to 12.</param>
    /// <param name="bandwidthHz">125 000, 250 000 or 500 000 (any positive value is computed).</param>
    /// <param name="payloadLength">The PHY payload length in bytes.</param>
    /// <param name="crc">Whether the payload CRC is on (LoRaWAN: uplinks only).</param>
    /// <param name="codingRate">1 to 4 for 4/5 … 4/8.</param>
    /// <param name="preambleSymbols">The preamble length in symbols.</param>
    /// <param name="explicitHeader">Whether the header is explicit (LoRaWAN: always).</param>
    /// <param name="lowDataRateOptimize">Forces DE on or off; by default it follows the LoRaWAN rule.</param>
    /// <returns>The time on air.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static TimeSpan ForLoRa(
        int spreadingFactor,
        int bandwidthHz,
        int payloadLength,
        bool crc,
        int codingRate = 1,
        int preambleSymbols = 8,
        bool explicitHeader = true,
        bool? lowDataRateOptimize = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spreadingFactor, 5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spreadingFactor, 12);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bandwidthHz, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(codingRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codingRate, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(preambleSymbols);

        bool de = lowDataRateOptimize ?? ((spreadingFactor >= 11 && bandwidthHz == 125_000) || (spreadingFactor == 12 && bandwidthHz == 250_000));
        int crcBits = crc ? 16 : 0;
        int headerBits = explicitHeader ? 0 : 20;
        double preamble;
        double numerator;
        double denominator;
        if (spreadingFactor >= 7)
        {
            preamble = preambleSymbols + 4.25;
            numerator = (8 * payloadLength) - (4 * spreadingFactor) + 28 + crcBits - headerBits;
            denominator = 4 * (spreadingFactor - (de ? 2 : 0));
        }
        else
        {
            preamble = Math.Max(preambleSymbols, 12) + 6.25;
            numerator = (8 * payloadLength) - (4 * spreadingFactor) + 20 + crcBits - headerBits;
            denominator = 4 * spreadingFactor;
        }

        double payloadSymbols = 8 + Math.Max(Math.Ceiling(numerator / denominator) * (codingRate + 4), 0);
        double symbolSeconds = Math.Pow(2, spreadingFactor) / bandwidthHz;
        return TimeSpan.FromSeconds((preamble + payloadSymbols) * symbolSeconds);
    }

    /// <summary>Computes the time on air of an FSK frame.</summary>
    /// <param name="bitRate">The bit rate in bit/s.</param>
    /// <param name="payloadLength">The PHY payload length in bytes.</param>
    /// <returns>The time on air.</returns>
    public static TimeSpan ForFsk(int bitRate, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bitRate, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int bytes = FskPreambleBytes + FskSyncBytes + FskLengthBytes + payloadLength + FskCrcBytes;
        return TimeSpan.FromSeconds(8.0 * bytes / bitRate);
    }

    /// <summary>Computes the time on air of a LoRaWAN downlink carrying <paramref name="frmPayloadLength"/> bytes (no FOpts, CRC off).</summary>
    /// <param name="dataRate">The data rate.</param>
    /// <param name="frmPayloadLength">The FRMPayload length.</param>
    /// <returns>The time on air.</returns>
    /// <exception cref="ArgumentException">The data rate is LR-FHSS, which carries no downlinks.</exception>
    public static TimeSpan ForDownlink(DataRate dataRate, int frmPayloadLength)
    {
        ArgumentNullException.ThrowIfNull(dataRate);
        int phy = frmPayloadLength + PhyOverhead;
        return dataRate.Modulation switch
        {
            Modulation.LoRa => ForLoRa(dataRate.SpreadingFactor, dataRate.BandwidthHz, phy, crc: false),
            Modulation.Fsk => ForFsk(dataRate.BitRate, phy),
            _ => throw new ArgumentException($"{dataRate} is LR-FHSS, an uplink-only modulation.", nameof(dataRate)),
        };
    }
}

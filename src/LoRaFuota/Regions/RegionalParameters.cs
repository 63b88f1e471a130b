namespace LoRaFuota.Regions;

/// <summary>What the FUOTA planner needs of one region (RP002-1.0.x): data rates, default frequencies, duty cycle, dwell time.</summary>
/// <remarks>Get one with <see cref="Get(Region)"/> or <see cref="TryParse(string, out RegionalParameters?)"/>; the tables are in <see cref="RegionalTables"/>.</remarks>
public sealed class RegionalParameters
{
    private readonly DataRate?[] _dataRates;  // indexed by DR; null where the DR is RFU

    internal RegionalParameters(
        Region region,
        string name,
        DataRate?[] dataRates,
        DataRate?[]? dwellDataRates,
        (uint Hz, int DataRate) rx2,
        (uint Hz, int DataRate) beacon,
        (uint Hz, int DataRate) pingSlot,
        DutyCycleSubBand[] subBands,
        string? frequencyNote = null)
    {
        Region = region;
        Name = name;
        _dataRates = dataRates;
        DwellTimeDataRates = dwellDataRates;
        Rx2FrequencyHz = rx2.Hz;
        Rx2DataRate = rx2.DataRate;
        BeaconFrequencyHz = beacon.Hz;
        BeaconDataRate = beacon.DataRate;
        PingSlotFrequencyHz = pingSlot.Hz;
        PingSlotDataRate = pingSlot.DataRate;
        SubBands = subBands;
        FrequencyNote = frequencyNote;
    }

    /// <summary>Gets the region.</summary>
    public Region Region { get; }

    /// <summary>Gets the region's usual name, e.g. "EU868" or "AS923-2".</summary>
    public string Name { get; }

    /// <summary>Gets the default RX2 frequency, the usual class C multicast channel.</summary>
    public uint Rx2FrequencyHz { get; }

    /// <summary>Gets the default RX2 data rate.</summary>
    public int Rx2DataRate { get; }

    /// <summary>Gets the class B beacon frequency (the first channel where the beacon hops).</summary>
    public uint BeaconFrequencyHz { get; }

    /// <summary>Gets the class B beacon data rate.</summary>
    public int BeaconDataRate { get; }

    /// <summary>Gets the default class B ping-slot frequency (the first channel where ping slots hop).</summary>
    public uint PingSlotFrequencyHz { get; }

    /// <summary>Gets the default class B ping-slot data rate.</summary>
    public int PingSlotDataRate { get; }

    /// <summary>Gets the duty-cycle sub-bands for downlinks; empty where the region has no duty cycle.</summary>
    public IReadOnlyList<DutyCycleSubBand> SubBands { get; }

    /// <summary>Gets a value indicating whether downlinks can be limited to a 400 ms dwell time (AS923).</summary>
    public bool HasDownlinkDwellTime => DwellTimeDataRates is not null;

    /// <summary>Gets a caveat about the default frequencies, where they depend on a channel plan.</summary>
    public string? FrequencyNote { get; }

    internal DataRate?[]? DwellTimeDataRates { get; }

    /// <summary>Gets the region's parameters.</summary>
    /// <param name="region">The region.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="region"/> is not defined.</exception>
    public static RegionalParameters Get(Region region) => RegionalTables.Get(region);

    /// <summary>Finds a region by name: "EU868", "US915", "AU915", "AS923-1" … "AS923-4" (or "AS923"), "IN865", "KR920", "CN470", "RU864".</summary>
    /// <param name="name">The name, case-insensitive; "_" and "-" are interchangeable.</param>
    /// <param name="parameters">The parameters, or null.</param>
    /// <returns><see langword="true"/> if the name is known; otherwise, <see langword="false"/>.</returns>
    public static bool TryParse(string name, out RegionalParameters? parameters) => RegionalTables.TryParse(name, out parameters);

    /// <summary>Gets a data rate usable for downlinks.</summary>
    /// <param name="index">The DR index.</param>
    /// <param name="dwellTime">Whether the 400 ms downlink dwell time applies (AS923 only).</param>
    /// <param name="dataRate">The data rate, or null.</param>
    /// <returns><see langword="true"/> if the region defines that DR for downlinks; otherwise, <see langword="false"/>.</returns>
    public bool TryGetDownlinkDataRate(int index, bool dwellTime, out DataRate? dataRate)
    {
        DataRate?[] table = dwellTime && DwellTimeDataRates is not null ? DwellTimeDataRates : _dataRates;
        dataRate = index >= 0 && index < table.Length ? table[index] : null;
        if (dataRate is { Modulation: Modulation.LrFhss } || dataRate is { MaxPayload: 0 })
        {
            dataRate = null;
        }

        return dataRate is not null;
    }

    /// <summary>Gets every DR usable for downlinks, ascending.</summary>
    /// <returns>The data rates.</returns>
    public IEnumerable<DataRate> GetDownlinkDataRates()
    {
        foreach (DataRate? rate in _dataRates)
        {
            if (rate is not null && rate.Modulation != Modulation.LrFhss && rate.MaxPayload > 0)
            {
                yield return rate;
            }
        }
    }

    /// <summary>Gets the duty cycle that applies to a frequency (1.0 where none does).</summary>
    /// <param name="frequencyHz">The frequency.</param>
    /// <returns>The duty-cycle fraction.</returns>
    public double GetDutyCycle(long frequencyHz)
    {
        foreach (DutyCycleSubBand band in SubBands)
        {
            if (band.Contains(frequencyHz))
            {
                return band.DutyCycle;
            }
        }

        return 1.0;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

namespace LoRaFuota.Simulation;

/// <summary>One device of a simulated fleet, as the fleet file describes it. Every property but <see cref="DevEui"/> has a default.</summary>
public sealed class FleetDevice
{
    /// <summary>Gets or sets the DevEUI.</summary>
    public DevEui DevEui { get; set; }

    /// <summary>Gets or sets the device's own loss rate, or null for the simulation's.</summary>
    public double? Loss { get; set; }

    /// <summary>Gets or sets the device's own mean burst length, or null for the simulation's.</summary>
    public double? BurstLength { get; set; }

    /// <summary>Gets the TS003 versions the device can run (empty: no clock-sync package).</summary>
    public IList<int> ClockSyncVersions { get; } = [1, 2];

    /// <summary>Gets the TS004 versions the device can run.</summary>
    public IList<int> FragmentationVersions { get; } = [1, 2];

    /// <summary>Gets the TS005 versions the device can run.</summary>
    public IList<int> MulticastSetupVersions { get; } = [1, 2];

    /// <summary>Gets or sets FRAG_MAX_NB.</summary>
    public int MaxNbFrag { get; set; } = 4000;

    /// <summary>Gets or sets FRAG_MAX_SIZE.</summary>
    public int MaxFragSize { get; set; } = 242;

    /// <summary>Gets or sets the most lost uncoded fragments the decoder repairs.</summary>
    public int MaxLost { get; set; } = 400;

    /// <summary>Gets or sets a value indicating whether the decoder takes fragments in order only.</summary>
    public bool InOrder { get; set; }

    /// <summary>Gets or sets a value indicating whether the device is switched off.</summary>
    public bool Offline { get; set; }

    /// <summary>Gets or sets the clock drift in ppm.</summary>
    public double ClockDriftPpm { get; set; } = 20;

    /// <summary>Gets or sets the clock error at the start, in seconds (device − true).</summary>
    public double ClockOffsetSeconds { get; set; }

    /// <summary>Gets or sets the uplink interval in seconds.</summary>
    public double UplinkIntervalSeconds { get; set; } = 900;

    /// <summary>Gets or sets the firmware version it runs.</summary>
    public string FirmwareVersion { get; set; } = "1.0.0";
}

namespace LoRaFuota.Hosting;

/// <summary>
/// What the network server behind a transport decides on its own. ChirpStack v4, for example, assigns multicast frame
/// counters, paces a group's queue at 5 s per frame and reports no multicast transmissions; The Things Stack leaves the
/// pacing to the engine and reports every frame it sends.
/// </summary>
public sealed record NetworkServerCapabilities
{
    /// <summary>Gets a server that does what the engine asks: the engine paces frames and chooses frame counters.</summary>
    public static NetworkServerCapabilities EngineControlled { get; } = new();

    /// <summary>Gets a value indicating whether the server assigns multicast frame counters (in order, from the group's first).</summary>
    public bool AssignsFrameCounters { get; init; }

    /// <summary>Gets the least time the server leaves between two frames of a multicast group, or null when it sends them when asked.</summary>
    public TimeSpan? MinimumMulticastSpacing { get; init; }

    /// <summary>Gets a value indicating whether the server reports each multicast frame it sent.</summary>
    public bool ReportsMulticastTransmissions { get; init; }
}

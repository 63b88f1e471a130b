namespace LoRaFuota.Simulation.Network;

/// <summary>What the simulated network server did: every multicast transmission, unicast traffic, groups, and anything a real server would have refused or a correct engine would never ask.</summary>
public sealed class NetworkLog
{
    private readonly List<MulticastTransmission> _multicast = [];
    private readonly List<GroupRecord> _groups = [];
    private readonly List<string> _violations = [];

    /// <summary>Gets every multicast transmission, in time order.</summary>
    public IReadOnlyList<MulticastTransmission> Multicast => _multicast;

    /// <summary>Gets every group the campaign created.</summary>
    public IReadOnlyList<GroupRecord> Groups => _groups;

    /// <summary>Gets the problems: a frame counter used twice, a downlink for a missing or deleted group, a downlink sent late or dropped as expired.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Gets the unicast downlinks transmitted in receive windows.</summary>
    public int UnicastDownlinks { get; internal set; }

    /// <summary>Gets the unicast DataFragments transmitted.</summary>
    public int UnicastFragments { get; internal set; }

    /// <summary>Gets the air time of the unicast downlinks (at the campaign's data rate).</summary>
    public TimeSpan UnicastAirtime { get; internal set; }

    /// <summary>Gets the air time of the multicast downlinks.</summary>
    public TimeSpan MulticastAirtime { get; internal set; }

    /// <summary>Gets the uplinks the server received.</summary>
    public int UplinksReceived { get; internal set; }

    /// <summary>Gets the uplinks lost on the way.</summary>
    public int UplinksLost { get; internal set; }

    internal void Add(MulticastTransmission transmission)
    {
        _multicast.Add(transmission);
        MulticastAirtime += transmission.Airtime;
    }

    internal void Add(GroupRecord group) => _groups.Add(group);

    internal void Deleted(int group, DateTimeOffset at)
    {
        int index = _groups.FindLastIndex(g => g.Group == group);
        if (index >= 0)
        {
            _groups[index] = _groups[index] with { DeletedAt = at };
        }
    }

    internal void Violation(string text) => _violations.Add(text);
}

using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns.State;

/// <summary>The campaign's options, resolved once at creation (plan taken, addresses and keys chosen). Never changes.</summary>
internal sealed class CampaignSettings
{
    public string Name { get; set; } = string.Empty;

    public string ImageTitle { get; set; } = string.Empty;

    public string ImageVersion { get; set; } = string.Empty;

    /// <summary>Gets or sets the image version as version reports spell it.</summary>
    public string TargetVersion { get; set; } = string.Empty;

    public FirmwareType ImageType { get; set; }

    public string ImageSha256 { get; set; } = string.Empty;

    public int ImageLength { get; set; }

    public uint Descriptor { get; set; }

    public CampaignDelivery Delivery { get; set; }

    public string Region { get; set; } = string.Empty;

    public int DataRate { get; set; }

    public uint FrequencyHz { get; set; }

    public MulticastClass Class { get; set; }

    public byte Periodicity { get; set; }

    public int PingSlotStep { get; set; } = 1;

    public int NbFrag { get; set; }

    public int FragSize { get; set; }

    public int Padding { get; set; }

    public int Redundancy { get; set; }

    public TimeSpan FragmentAirtime { get; set; }

    public TimeSpan PollAirtime { get; set; }

    public TimeSpan Spacing { get; set; }

    public double ExpectedLoss { get; set; }

    public TimeSpan? ServerSpacing { get; set; }

    /// <summary>Gets or sets the TS005 TimeOut code every group's session gets.</summary>
    public byte TimeoutCode { get; set; }

    /// <summary>Gets or sets how long a group's transmissions take (polls and their waits included): the next group starts after it.</summary>
    public TimeSpan SessionDuration { get; set; }

    /// <summary>Gets or sets how long a status poll waits for its answers.</summary>
    public TimeSpan PollWait { get; set; }

    public DateTimeOffset? SessionStart { get; set; }

    public TimeSpan? SessionLeadTime { get; set; }

    public TimeSpan? SetupTimeout { get; set; }

    /// <summary>Gets or sets how many devices are contacted per minute, or null for all at once.</summary>
    public int? DevicesPerMinute { get; set; }

    public uint BaseMcAddr { get; set; }

    /// <summary>Gets or sets the McKey of each possible group (one per TS004 version), chosen at creation.</summary>
    public List<Key128> McKeys { get; set; } = [];

    public byte McGroupId { get; set; }

    public byte FragIndex { get; set; }

    public uint MinMcFCnt { get; set; }

    public uint MaxMcFCnt { get; set; }

    public byte BlockAckDelay { get; set; }

    public bool AckReception { get; set; }

    public bool ClosedLoop { get; set; }

    public int ClosedLoopBurst { get; set; }

    public int MaxPolls { get; set; }

    public bool UnicastFallback { get; set; }

    public int MaxFallbackFragments { get; set; }

    public TimeSpan? UnicastTimeout { get; set; }

    public int UnicastRetries { get; set; }

    public TimeSpan UnicastPullInterval { get; set; }

    public ClockSyncPolicy ClockSyncPolicy { get; set; }

    public TimeSpan ClockSyncThreshold { get; set; }

    public TimeSpan ClockTolerance { get; set; }

    public byte ResyncTransmissions { get; set; }

    public bool ResyncClassB { get; set; }

    public TimeSpan InstallTimeout { get; set; }

    public TimeSpan DownlinkLeadTime { get; set; }

    public byte VersionPort { get; set; }

    public ParityVariant V2Parity { get; set; }
}

using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Regions;

namespace LoRaFuota.Planning;

/// <summary>What a campaign plan is made from. Only <see cref="ImageSize"/>, <see cref="Region"/>, <see cref="DataRate"/>, a redundancy and <see cref="Start"/> are required.</summary>
public sealed class CampaignPlanOptions
{
    /// <summary>Gets or sets the image size in bytes (ignored when the planner is given the image).</summary>
    public int ImageSize { get; set; }

    /// <summary>Gets or sets the region.</summary>
    /// <value>The default value is EU868.</value>
    public RegionalParameters Region { get; set; } = RegionalParameters.Get(Regions.Region.EU868);

    /// <summary>Gets or sets the multicast data rate index.</summary>
    public int DataRate { get; set; }

    /// <summary>Gets or sets the multicast frequency, or null for the region's RX2 (class C) or ping-slot (class B) frequency.</summary>
    public uint? FrequencyHz { get; set; }

    /// <summary>Gets or sets a value indicating whether the AS923 400 ms downlink dwell time applies.</summary>
    public bool DwellTime { get; set; }

    /// <summary>Gets or sets a value indicating whether fragment sizes must stay repeater-compatible.</summary>
    public bool RepeaterCompatible { get; set; }

    /// <summary>Gets or sets the multicast class.</summary>
    /// <value>The default value is <see cref="MulticastClass.ClassC"/>.</value>
    public MulticastClass Class { get; set; }

    /// <summary>Gets or sets the class B ping-slot periodicity (0–7), or null to pick the largest number of slots the duty cycle can fill.</summary>
    public byte? Periodicity { get; set; }

    /// <summary>Gets or sets the number of coded fragments R.</summary>
    public int? Redundancy { get; set; }

    /// <summary>Gets or sets R as a percentage of M (rounded up).</summary>
    public double? RedundancyPercent { get; set; }

    /// <summary>Gets or sets a target success probability: R becomes the smallest that reaches it at <see cref="ExpectedLoss"/>.</summary>
    public double? TargetSuccessProbability { get; set; }

    /// <summary>Gets or sets the expected independent loss rate per fragment and device, 0 to 1.</summary>
    /// <value>The default value is 0.</value>
    public double ExpectedLoss { get; set; }

    /// <summary>Gets or sets the fragment size, or null for the largest the data rate allows (N − 3).</summary>
    public int? FragmentSize { get; set; }

    /// <summary>Gets or sets when the campaign starts (the unicast setup begins).</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>Gets or sets the time reserved for unicast setup before the session starts, or null for 3 steps × (retries + 1) × uplink interval.</summary>
    public TimeSpan? SetupLeadTime { get; set; }

    /// <summary>Gets or sets the devices' uplink interval, which paces class A setup.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan UplinkInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the retries per unicast setup step.</summary>
    /// <value>The default value is 1.</value>
    public int SetupRetries { get; set; } = 1;

    /// <summary>Gets or sets the number of gateways that send the multicast.</summary>
    /// <value>The default value is 1.</value>
    public int Gateways { get; set; } = 1;

    /// <summary>Gets or sets how several gateways share the air.</summary>
    public GatewayMode GatewayMode { get; set; }

    /// <summary>
    /// Gets or sets the least time the network server leaves between two frames of a multicast group (per gateway in
    /// sequence), when the server paces the queue itself: ChirpStack's <c>multicast_class_c_margin</c> and
    /// <c>multicast_class_b_margin</c>, 5 s by default. The plan then spaces fragments at least this far apart, so its
    /// session window and TimeOut match what the server will really do. Null when the engine paces the frames.
    /// </summary>
    public TimeSpan? ServerSpacing { get; set; }

    /// <summary>Gets or sets the margin added to each class C transmission for gateway scheduling.</summary>
    /// <value>The default value is 50 ms.</value>
    public TimeSpan SchedulingMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets the largest M the devices accept (their FRAG_MAX_NB), or null.</summary>
    public int? DeviceMaxNbFrag { get; set; }

    /// <summary>Gets or sets the largest fragment the devices accept (their FRAG_MAX_SIZE), or null.</summary>
    public int? DeviceMaxFragmentSize { get; set; }

    /// <summary>Gets or sets the most lost uncoded fragments the devices repair (their FRAG_MAX_REDUNDANCY), or null.</summary>
    public int? DeviceMaxLostFragments { get; set; }

    /// <summary>Gets or sets the bytes the devices have for the block and the decoder matrix, or null.</summary>
    public long? DeviceMemoryBytes { get; set; }

    /// <summary>Gets or sets the parity variant (V2 for TS004 v2 devices).</summary>
    /// <value>The default value is <see cref="ParityVariant.V2"/>.</value>
    public ParityVariant Variant { get; set; } = ParityVariant.V2;

    /// <summary>Gets or sets the fragmentation session index.</summary>
    public byte FragIndex { get; set; }

    /// <summary>Gets or sets the multicast address (it places class B ping slots).</summary>
    public uint McAddr { get; set; }

    /// <summary>Gets or sets the first multicast frame counter.</summary>
    public uint FirstMulticastFrameCounter { get; set; }

    /// <summary>Gets or sets a value indicating whether a multicast FragSessionStatusReq follows the last fragment.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StatusRequest { get; set; } = true;
}

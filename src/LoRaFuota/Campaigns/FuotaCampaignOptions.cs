using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Campaigns;

/// <summary>
/// Everything a campaign is made from: the image, the devices, the multicast session and how hard to try. Every
/// parameter of ChirpStack's firmware-update job has a counterpart: name (<see cref="Name"/>), redundant frames
/// (<see cref="Redundancy"/>), unicast timeout (<see cref="UnicastTimeout"/>), data rate (<see cref="DataRate"/>),
/// frequency (<see cref="FrequencyHz"/>), multicast group type (<see cref="Class"/>) and multicast timeout
/// (<see cref="MulticastTimeoutCode"/>).
/// </summary>
public sealed partial class FuotaCampaignOptions
{
    /// <summary>Gets or sets the campaign name.</summary>
    /// <value>The default value is "campaign".</value>
    public string Name { get; set; } = "campaign";

    /// <summary>Gets or sets the image to install. Required.</summary>
    public FirmwareImage? Image { get; set; }

    /// <summary>Gets the devices to update (at least one; DevEUIs distinct).</summary>
    public IList<CampaignDevice> Devices { get; } = [];

    /// <summary>Gets or sets how the fragments reach the devices.</summary>
    /// <value>The default value is <see cref="CampaignDelivery.Multicast"/>.</value>
    public CampaignDelivery Delivery { get; set; }

    /// <summary>Gets or sets the region.</summary>
    /// <value>The default value is EU868.</value>
    public RegionalParameters Region { get; set; } = RegionalParameters.Get(Regions.Region.EU868);

    /// <summary>Gets or sets the multicast data rate index (unicast-only campaigns size fragments for it).</summary>
    public int DataRate { get; set; }

    /// <summary>Gets or sets the multicast frequency in Hz, or null for the region's RX2 (class C) or ping-slot (class B) frequency.</summary>
    public uint? FrequencyHz { get; set; }

    /// <summary>Gets or sets the multicast class (the group type).</summary>
    /// <value>The default value is <see cref="MulticastClass.ClassC"/>.</value>
    public MulticastClass Class { get; set; }

    /// <summary>Gets or sets the class B ping-slot periodicity 0–7, or null to let the planner pick it.</summary>
    public byte? Periodicity { get; set; }

    /// <summary>Gets or sets the number of coded fragments R (the redundant frames).</summary>
    public int? Redundancy { get; set; }

    /// <summary>Gets or sets R as a percentage of M, rounded up.</summary>
    public double? RedundancyPercent { get; set; }

    /// <summary>Gets or sets a target probability that a device at <see cref="ExpectedLoss"/> rebuilds the image; R is the smallest that reaches it.</summary>
    public double? TargetSuccessProbability { get; set; }

    /// <summary>Gets or sets the expected loss per fragment and device, 0 to below 1.</summary>
    /// <value>The default value is 0.</value>
    public double ExpectedLoss { get; set; }

    /// <summary>
    /// Gets or sets the least time the network server leaves between two multicast frames when it paces the queue itself
    /// (ChirpStack: 5 s; see <see cref="Planning.CampaignPlanOptions.ServerSpacing"/>), or null when the engine paces them.
    /// A runner refuses a campaign planned closer than its transport's server spaces frames.
    /// </summary>
    public TimeSpan? ServerSpacing { get; set; }

    /// <summary>Gets or sets the fragment size, or null for the largest the data rate carries.</summary>
    public int? FragmentSize { get; set; }

    /// <summary>Gets or sets the devices' largest M (FRAG_MAX_NB) the plan must respect, or null.</summary>
    public int? DeviceMaxNbFrag { get; set; }

    /// <summary>Gets or sets the devices' largest fragment (FRAG_MAX_SIZE), or null.</summary>
    public int? DeviceMaxFragmentSize { get; set; }

    /// <summary>Gets or sets the TS005 TimeOut code of the session (the multicast timeout), or null for the shortest that holds the plan.</summary>
    public byte? MulticastTimeoutCode { get; set; }

    /// <summary>
    /// Gets or sets when the multicast session starts, or null for "as soon as every device is set up". A fixed start
    /// that is less than one answer timeout away when the sessions are scheduled is replaced by the earliest start that
    /// leaves every device time to answer.
    /// </summary>
    public DateTimeOffset? SessionStart { get; set; }

    /// <summary>
    /// Gets or sets the time between sending the session requests and the session start, or null for four answer
    /// timeouts of the slowest device (three retries each).
    /// </summary>
    public TimeSpan? SessionLeadTime { get; set; }

    /// <summary>
    /// Gets or sets how long the sessions wait for slow devices to finish setup, or null for four answer timeouts of the
    /// slowest device. Devices set up later still join if their session has not started; an offline device cannot
    /// hold the others back longer than this.
    /// </summary>
    public TimeSpan? SetupTimeout { get; set; }

    /// <summary>
    /// Gets or sets how many devices are contacted per minute (in the order of <see cref="Devices"/>), or null for all
    /// at once: the first that many at the start, the next ones a minute later, and so on. The sessions are scheduled
    /// when the last device has had its full <see cref="SetupTimeout"/>. Pacing spares the network server and the
    /// gateways' downlink duty cycle the setup traffic of a whole fleet in the same minute.
    /// </summary>
    public int? DevicesPerMinute { get; set; }

    /// <summary>Gets or sets the first group's McAddr, or null for a random one; a second group (devices on the other TS004 version) uses McAddr + 1.</summary>
    public uint? McAddr { get; set; }

    /// <summary>Gets or sets the first group's McKey, or null for a random key per group (TS005 v2 advises random keys).</summary>
    public Key128? McKey { get; set; }

    /// <summary>Gets or sets the McGroupID (0–3) the devices store the group under.</summary>
    public byte McGroupId { get; set; }

    /// <summary>Gets or sets the FragIndex (0–3) of the fragmentation session.</summary>
    public byte FragIndex { get; set; }

    /// <summary>Gets or sets the first multicast frame counter (McGroupSetupReq minMcFCnt).</summary>
    public uint MinMcFCnt { get; set; }

    /// <summary>Gets or sets the last usable multicast frame counter (maxMcFCnt), or null for just enough frames plus a margin (TS005 v2 advises a small range).</summary>
    public uint? MaxMcFCnt { get; set; }

    /// <summary>Gets or sets the BlockAckDelay code (0–7): devices answer status requests within 2^(code+4) s.</summary>
    /// <value>The default value is 0 (16 s).</value>
    public byte BlockAckDelay { get; set; }

    /// <summary>Gets or sets a value indicating whether TS004 v2 devices confirm the rebuilt block with FragDataBlockReceivedReq.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AckReception { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether coded fragments go out in bursts with multicast status polls between them, stopping as soon as every device has the block.</summary>
    public bool ClosedLoop { get; set; }

    /// <summary>Gets or sets the coded fragments in the first closed-loop burst, or null for the expected losses plus a margin.</summary>
    public int? ClosedLoopBurst { get; set; }

    /// <summary>Gets or sets a value indicating whether devices still missing fragments after the session get unicast coded fragments.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UnicastFallback { get; set; } = true;

    /// <summary>Gets or sets the most coded fragments one device gets by unicast repair.</summary>
    /// <value>The default value is 64.</value>
    public int MaxFallbackFragments { get; set; } = 64;

    /// <summary>Gets or sets how long a unicast request waits for its answer, or null for the device's uplink interval plus a minute (and the BlockAckDelay for status requests).</summary>
    public TimeSpan? UnicastTimeout { get; set; }

    /// <summary>Gets or sets how often an unanswered unicast request is sent again.</summary>
    /// <value>The default value is 4 (five sends: at 5 % loss each way a step then fails once in 100 000).</value>
    public int UnicastRetries { get; set; } = 4;

    /// <summary>Gets or sets the expected gap between queued unicast downlinks a class A device pulls one after another (it answers FPending with an uplink).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan UnicastPullInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets when an AppTimeReq is answered.</summary>
    public ClockSyncPolicy ClockSyncPolicy { get; set; }

    /// <summary>Gets or sets the clock error above which an AppTimeReq is answered without AnsRequired.</summary>
    /// <value>The default value is 4 seconds (The Things Stack's default).</value>
    public TimeSpan ClockSyncThreshold { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Gets or sets how far a session answer's TimeToStart may be from the session time as the server sees it before the
    /// device's clock is resynchronised and the request sent again.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the AppTimeReq uplinks a ForceDeviceResync asks for (1–7).</summary>
    /// <value>The default value is 3.</value>
    public byte ResyncTransmissions { get; set; } = 3;

    /// <summary>Gets or sets a value indicating whether class B devices resynchronise their clock before the session request.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ResyncClassB { get; set; } = true;

    /// <summary>Gets or sets how long a device may take to install and reboot before it is asked for its version.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how long before its slot a multicast downlink is handed to the network server.</summary>
    /// <value>The default value is zero (at its slot).</value>
    public TimeSpan DownlinkLeadTime { get; set; }

    /// <summary>Gets or sets how devices report their running firmware version.</summary>
    /// <value>The default value is <see cref="DevVersionProtocol.Default"/> (TS006 DevVersionAns on FPort 203).</value>
    public IFirmwareVersionProtocol VersionProtocol { get; set; } = DevVersionProtocol.Default;

    /// <summary>Gets or sets the parity generator for TS004 v2 devices (v1 devices always get <see cref="ParityVariant.V1"/>).</summary>
    /// <value>The default value is <see cref="ParityVariant.V2"/>, the deployed one.</value>
    public ParityVariant V2Parity { get; set; } = ParityVariant.V2;
}

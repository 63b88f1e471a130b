using LoRaFuota.Multicast;
using LoRaFuota.Regions;

namespace LoRaFuota.Planning;

/// <summary>A campaign plan: the fragmentation, the air time, the session timing, the success odds and every multicast downlink.</summary>
/// <remarks>An infeasible plan lists every reason in <see cref="Errors"/>; nothing is thrown for it.</remarks>
public sealed record CampaignPlan
{
    /// <summary>Gets a value indicating whether the plan can run as given.</summary>
    public bool Feasible => Errors.Count == 0;

    /// <summary>Gets every reason the plan cannot run, each with a code to branch on.</summary>
    public required IReadOnlyList<PlanIssue> Errors { get; init; }

    /// <summary>Gets things worth knowing that do not stop the plan.</summary>
    public required IReadOnlyList<PlanIssue> Warnings { get; init; }

    /// <summary>Gets the region.</summary>
    public required RegionalParameters Region { get; init; }

    /// <summary>Gets the data rate, or null when the region does not define it for downlinks.</summary>
    public DataRate? DataRate { get; init; }

    /// <summary>Gets the multicast frequency.</summary>
    public uint FrequencyHz { get; init; }

    /// <summary>Gets the multicast class.</summary>
    public MulticastClass Class { get; init; }

    /// <summary>Gets the class B ping-slot periodicity used.</summary>
    public byte Periodicity { get; init; }

    /// <summary>Gets the image size.</summary>
    public int ImageSize { get; init; }

    /// <summary>Gets M.</summary>
    public int NbFrag { get; init; }

    /// <summary>Gets the fragment size F.</summary>
    public int FragmentSize { get; init; }

    /// <summary>Gets the padding.</summary>
    public int Padding { get; init; }

    /// <summary>Gets R.</summary>
    public int Redundancy { get; init; }

    /// <summary>Gets the time on air of one DataFragment.</summary>
    public TimeSpan TimeOnAir { get; init; }

    /// <summary>Gets the interval between consecutive fragments (class B: the mean).</summary>
    public TimeSpan Spacing { get; init; }

    /// <summary>Gets the duty cycle of the sub-band the frequency lies in (1 where none applies).</summary>
    public double DutyCycle { get; init; }

    /// <summary>Gets the air time of every transmission, all gateways included.</summary>
    public TimeSpan TotalAirtime { get; init; }

    /// <summary>Gets when the unicast setup starts.</summary>
    public DateTimeOffset SetupStart { get; init; }

    /// <summary>Gets when the multicast session starts (class B: on a beacon boundary).</summary>
    public DateTimeOffset SessionStart { get; init; }

    /// <summary>Gets the time from the session start to the end of the last multicast downlink.</summary>
    public TimeSpan SessionDuration { get; init; }

    /// <summary>Gets the TS005 TimeOut code (class C: 2^T s; class B: 2^T beacon periods).</summary>
    public byte SessionTimeoutCode { get; init; }

    /// <summary>Gets the session length the TimeOut code allows.</summary>
    public TimeSpan SessionTimeout { get; init; }

    /// <summary>Gets the class B fragments per beacon period.</summary>
    public int FragmentsPerBeaconPeriod { get; init; }

    /// <summary>Gets which class B ping slots carry fragments: every PingSlotStep-th one, so the duty cycle holds.</summary>
    internal int PingSlotStep { get; init; } = 1;

    /// <summary>Gets the expected loss the success probability is for.</summary>
    public double ExpectedLoss { get; init; }

    /// <summary>Gets the probability that a device with <see cref="ExpectedLoss"/> rebuilds the block.</summary>
    public double SuccessProbability { get; init; }

    /// <summary>Gets how the probability was computed ("monte-carlo" with the real decoder, or "analytic").</summary>
    public string SuccessMethod { get; init; } = string.Empty;

    /// <summary>Gets the device memory the session needs: the block plus the matrix for the expected losses.</summary>
    public long DeviceMemoryBytes { get; init; }

    /// <summary>Gets the FragSessionSetupReq every device receives (SessionCnt and MIC are per device in v2).</summary>
    public Fragmentation.FragSessionSetupReq? FragSessionSetup { get; init; }

    /// <summary>Gets the class C session request, for class C plans.</summary>
    public McClassCSessionReq? ClassCSession { get; init; }

    /// <summary>Gets the class B session request, for class B plans.</summary>
    public McClassBSessionReq? ClassBSession { get; init; }

    /// <summary>Gets every multicast downlink in time order.</summary>
    public IReadOnlyList<ScheduledDownlink> Schedule { get; init; } = [];
}

using System.Globalization;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns.State;

/// <summary>
/// Checks a deserialized campaign state before it is trusted: every field in its range, enums defined, indices that
/// point at something, and the fragmentation fields equal to what the settings plan to. A snapshot that was cut,
/// corrupted or edited is refused with the first few problems named, rather than restored into a campaign that could
/// fail later.
/// </summary>
internal static class CampaignStateValidator
{
    private const int MaxProblems = 5;
    private const int MaxPort = 223;

    public static List<string> Check(CampaignState state)
    {
        var problems = new List<string>();
        CampaignSettings s = state.Settings;
        if (s is null || state.Cohorts is null || state.Devices is null)
        {
            problems.Add("settings, cohorts or devices are missing");
            return problems;
        }

        CheckSettings(s, problems);
        for (int i = 0; i < state.Cohorts.Count && problems.Count < MaxProblems; i++)
        {
            CheckCohort(state.Cohorts[i], i, s, problems);
        }

        for (int i = 0; i < state.Devices.Count && problems.Count < MaxProblems; i++)
        {
            CheckDevice(state.Devices[i], i, state, problems);
        }

        Require(state.NextActionId >= 1, "NextActionId must be at least 1", problems);
        Require(state.NextToStart >= 0 && state.NextToStart <= state.Devices.Count, "NextToStart must be 0 to the number of devices", problems);
        Require(state.Settings?.DevicesPerMinute is null or >= 1, "Settings.DevicesPerMinute must be at least 1 (or null)", problems);
        Require(state.Devices.Count > 0, "a campaign has at least one device", problems);
        Require(state.Devices.Select(d => d?.DevEui).Distinct().Count() == state.Devices.Count, "every DevEUI appears once", problems);
        return problems;
    }

    /// <summary>The plan re-made from the settings must give the fragmentation the state was built with.</summary>
    public static void CheckAgainstPlan(CampaignSettings s, CampaignPlan plan, List<string> problems)
    {
        Require(plan.Feasible, "the settings no longer give a feasible plan: " + string.Join(" ", plan.Errors), problems);
        Require(plan.NbFrag == s.NbFrag && plan.FragmentSize == s.FragSize && plan.Padding == s.Padding && plan.Redundancy == s.Redundancy,
            "NbFrag, FragSize, Padding and Redundancy must be those the settings plan to", problems);
    }

    private static void CheckSettings(CampaignSettings s, List<string> problems)
    {
        Require(s.NbFrag is >= 1 and < ParityMatrix.MaxFragmentNumber, "Settings.NbFrag must be 1 to 16 382", problems);
        Require(s.FragSize is >= 1 and <= FragmentLayout.MaxFragSize, "Settings.FragSize must be 1 to 255", problems);
        Require(s.Padding >= 0 && s.Padding < Math.Max(1, s.FragSize), "Settings.Padding must be below FragSize", problems);
        Require(s.Redundancy >= 0 && (long)s.NbFrag + s.Redundancy <= ParityMatrix.MaxFragmentNumber, "Settings.Redundancy must keep M + R within 16 383", problems);
        Require((long)s.NbFrag * s.FragSize - s.Padding == s.ImageLength, "Settings.ImageLength must be NbFrag × FragSize − Padding", problems);
        Require(s.DataRate is >= 0 and <= 15 && s.Periodicity <= 7 && s.TimeoutCode <= 15, "Settings.DataRate, Periodicity and TimeoutCode must be in their TS005 ranges", problems);
        Require(s.McGroupId <= 3 && s.FragIndex <= 3 && s.BlockAckDelay <= 7 && s.ResyncTransmissions <= 7, "Settings.McGroupId, FragIndex, BlockAckDelay and ResyncTransmissions must be in their ranges", problems);
        Require(s.McKeys is { Count: >= 1 }, "Settings.McKeys must hold at least one key", problems);
        Require(s.MinMcFCnt <= s.MaxMcFCnt, "Settings.MinMcFCnt must not exceed MaxMcFCnt", problems);
        Require(s.PingSlotStep >= 1 && s.ClosedLoopBurst >= 1 && s.MaxPolls >= 0 && s.MaxFallbackFragments >= 0 && s.UnicastRetries >= 0,
            "Settings counts (PingSlotStep, ClosedLoopBurst, MaxPolls, MaxFallbackFragments, UnicastRetries) must not be negative", problems);
        Require(s.VersionPort is >= 1 and <= MaxPort, "Settings.VersionPort must be an application FPort (1 to 223)", problems);
        Require(s.ExpectedLoss is >= 0 and < 1, "Settings.ExpectedLoss must be at least 0 and below 1", problems);
        Require(Positive(s.Spacing) && Positive(s.UnicastPullInterval) && Positive(s.InstallTimeout),
            "Settings.Spacing, UnicastPullInterval and InstallTimeout must be positive", problems);
        Require(NotNegative(s.FragmentAirtime) && NotNegative(s.PollAirtime) && NotNegative(s.SessionDuration) && NotNegative(s.PollWait)
            && NotNegative(s.ClockSyncThreshold) && NotNegative(s.ClockTolerance) && NotNegative(s.DownlinkLeadTime)
            && NotNegative(s.SessionLeadTime) && NotNegative(s.SetupTimeout) && NotNegative(s.UnicastTimeout),
            "Settings durations must not be negative", problems);
        Require(Enum.IsDefined(s.ImageType) && Enum.IsDefined(s.Delivery) && Enum.IsDefined(s.Class) && Enum.IsDefined(s.ClockSyncPolicy) && Enum.IsDefined(s.V2Parity),
            "Settings enums must have defined values", problems);
        Require(s.Name is not null && s.ImageVersion is not null && s.TargetVersion is not null && s.ImageSha256 is not null && s.Region is not null,
            "Settings texts must be present", problems);
    }

    private static void CheckCohort(CohortState? c, int index, CampaignSettings s, List<string> problems)
    {
        string at = string.Create(CultureInfo.InvariantCulture, $"Cohorts[{index}]");
        if (c is null)
        {
            problems.Add(at + " is null");
            return;
        }

        Require(c.Index == index, at + ".Index must be its position", problems);
        Require(c.Fragmentation is PackageVersion.V1 or PackageVersion.V2 && Enum.IsDefined(c.Variant) && Enum.IsDefined(c.Stage), at + " has an undefined version, variant or stage", problems);
        Require(c.TimeoutCode <= 15, at + ".TimeoutCode must be 0 to 15", problems);
        Require(c.NextFragment is >= 1 and <= ParityMatrix.MaxFragmentNumber + 1 && c.SendLimit is >= 0 and <= ParityMatrix.MaxFragmentNumber
            && c.NextFreshN is >= 0 and <= ParityMatrix.MaxFragmentNumber + 1, at + " fragment numbers must be within TS004's", problems);
        Require(c.Polls >= 0 && c.PollAnswers >= 0 && c.LargestDeficit >= 0, at + " counters must not be negative", problems);
        Require(c.NextFCnt >= s.MinMcFCnt || c.NextFCnt == 0, at + ".NextFCnt must not be below MinMcFCnt", problems);
        // Scheduled and sending cohorts have a window; one that closed during setup never had one, and a window
        // closes early (end = the moment nobody was left to listen).
        bool open = c.Stage is CohortStage.Scheduled or CohortStage.Sending;
        Require(!open || (c.SessionStart is not null && c.WindowEnd is not null), at + " is scheduled but has no session window", problems);
        Require(c.Stage != CohortStage.Scheduled || c.SessionStart <= c.WindowEnd, at + "'s window ends before it starts", problems);
    }

    private static void CheckDevice(DeviceState? d, int index, CampaignState state, List<string> problems)
    {
        string at = string.Create(CultureInfo.InvariantCulture, $"Devices[{index}]");
        if (d is null)
        {
            problems.Add(at + " is null");
            return;
        }

        Require(d.Index == index, at + ".Index must be its position", problems);
        Require(d.Cohort >= -1 && d.Cohort < state.Cohorts.Count, at + ".Cohort must be -1 or a cohort's index", problems);
        Require(Enum.IsDefined(d.State) && Enum.IsDefined(d.Reason) && Enum.IsDefined(d.Stage), at + " has an undefined state, reason or stage", problems);
        Require(Valid(d.ClockSyncVersion) && Valid(d.FragmentationVersion) && Valid(d.MulticastSetupVersion), at + " has an undefined package version", problems);
        Require(d.ClockSyncPort is >= 1 and <= MaxPort && d.FragmentationPort is >= 1 and <= MaxPort && d.MulticastSetupPort is >= 1 and <= MaxPort,
            at + " ports must be application FPorts (1 to 223)", problems);
        Require(Positive(d.UplinkInterval), at + ".UplinkInterval must be positive", problems);
        Require(d.ClockRetries >= 0 && d.RepairRounds >= 0 && d.RoundDeficit >= 0 && d.UnicastFragments >= 0 && d.NextUnicastN >= 0
            && d.NextUnicastN <= ParityMatrix.MaxFragmentNumber + 1 && d.NbFragReceived is null or >= 0 && d.MissingFrag is null or >= 0,
            at + " counters must be in range", problems);
        Require(d.History is not null && d.History.All(h => h is not null && Enum.IsDefined(h.State) && Enum.IsDefined(h.Reason)), at + ".History holds undefined states", problems);
        Require(d.Pending is not null && d.Pending.All(p => p is not null && Enum.IsDefined(p.Kind) && p.Attempt >= 0)
            && d.Pending.Select(p => p.Kind).Distinct().Count() == d.Pending.Count, at + ".Pending holds undefined or repeated requests", problems);
    }

    private static bool Valid(PackageVersion? version) => version is null or PackageVersion.V1 or PackageVersion.V2;

    private static bool Positive(TimeSpan value) => value > TimeSpan.Zero;

    private static bool NotNegative(TimeSpan value) => value >= TimeSpan.Zero;

    private static bool NotNegative(TimeSpan? value) => value is null || value >= TimeSpan.Zero;

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition && problems.Count < MaxProblems)
        {
            problems.Add(problem);
        }
    }
}

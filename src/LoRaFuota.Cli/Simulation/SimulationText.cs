using System.Globalization;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Cli.Planning;
using LoRaFuota.Planning;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Simulation;

/// <summary>The human-readable simulation report: outcome by state, failures by reason, the timeline.</summary>
internal static class SimulationText
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, SimulationResult result, SimulationOptions options, TimeSpan wall)
    {
        CampaignPlan plan = result.Plan;
        output.WriteLine(string.Create(s_c, $"LoRaFuota simulation: {result.Devices} devices, {plan.ImageSize}-byte image (sha256 {result.ImageSha256[..16]}…), {plan.Region} {plan.DataRate}, {(plan.Class == MulticastClass.ClassC ? "class C" : "class B")}, {options.Loss:P1} loss{(options.BurstLength > 1 ? string.Create(s_c, $" in bursts of {options.BurstLength:0.#}") : string.Empty)}, seed {options.Seed}"));
        output.WriteLine(string.Create(s_c, $"  plan        M = {plan.NbFrag} × {plan.FragmentSize} B + R = {plan.Redundancy} coded{(options.ClosedLoop ? " (closed loop)" : string.Empty)}{(options.UnicastOnly ? ", unicast only" : string.Empty)}; {Pace(plan)}"));
        output.WriteLine("  devices     " + string.Join(" · ", SimulationTimeline.States
            .Select(s => (State: s, Count: result.DeviceResults.Count(d => d.State == s)))
            .Where(x => x.Count > 0)
            .Select(x => string.Create(s_c, $"{CampaignNames.State(x.State)} {x.Count}"))));
        if (result.Failed > 0)
        {
            output.WriteLine("  failures    " + string.Join(" · ", result.DeviceResults
                .Where(d => d.State == OtaState.Failed)
                .GroupBy(d => d.FailureReason)
                .OrderByDescending(g => g.Count())
                .Select(g => string.Create(s_c, $"{CampaignNames.Reason(g.Key)} {g.Count()}"))));
        }

        var timeline = new SimulationTimeline(result);
        DateTimeOffset? firstSession = timeline.Sessions.Count > 0 ? timeline.Sessions.Min(s => s.SessionStart) : null;
        if (firstSession is DateTimeOffset session)
        {
            output.WriteLine($"  setup       {At(result, result.StartedAt)} → {At(result, session)} (unicast, {PlanText.Duration(session - result.StartedAt)})");
        }

        foreach (SessionScheduled scheduled in timeline.Sessions)
        {
            MulticastSent[] sent = [.. timeline.Multicast.Where(m => m.Group == scheduled.Group)];
            int fragments = sent.Count(m => m.Kind == MulticastPayloadKind.DataFragment);
            int polls = sent.Length - fragments;
            output.WriteLine(string.Create(s_c, $"  group {scheduled.Group}     TS004 v{(int)scheduled.FragmentationVersion}, {scheduled.Devices} devices: window {At(result, scheduled.SessionStart)} → {At(result, scheduled.SessionEnd)}, {fragments} fragments and {polls} status poll{(polls == 1 ? string.Empty : "s")} multicast"));
        }

        output.WriteLine(string.Create(s_c, $"  traffic     {result.FragmentsSent} fragments ({result.Network.UnicastFragments} by unicast repair), {result.Airtime.TotalSeconds:F1} s of downlink air, {result.Network.UnicastDownlinks} unicast downlinks, {result.Network.UplinksReceived} uplinks ({LostShare(result):P1} lost)"));
        string end = result.Completed ? (result.Cancelled ? "cancelled, torn down" : "completed") : "NOT completed (time limit)";
        output.WriteLine(string.Create(s_c, $"  end         {end} at {At(result, result.EndedAt)} virtual; {wall.TotalSeconds:F1} s of wall time"));
    }

    private static string Pace(CampaignPlan plan) => plan.Class == MulticastClass.ClassC
        ? string.Create(s_c, $"one fragment every {plan.Spacing.TotalSeconds:F3} s, {plan.TimeOnAir.TotalMilliseconds:F0} ms on air")
        : string.Create(s_c, $"ping-slot periodicity {plan.Periodicity}, {plan.FragmentsPerBeaconPeriod} fragments per beacon period");

    private static double LostShare(SimulationResult result)
    {
        int total = result.Network.UplinksReceived + result.Network.UplinksLost;
        return total == 0 ? 0 : (double)result.Network.UplinksLost / total;
    }

    // Times read as offsets from the start: "+01:47:23" (virtual time has no meaningful date).
    private static string At(SimulationResult result, DateTimeOffset time)
    {
        TimeSpan offset = time - result.StartedAt;
        return string.Create(s_c, $"+{(int)offset.TotalHours:00}:{offset.Minutes:00}:{offset.Seconds:00}");
    }
}

using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Simulation;

/// <summary>What a run looked like over time, read from its events: the sessions, and how many devices were in each state when.</summary>
internal sealed class SimulationTimeline
{
    public static readonly OtaState[] States = [OtaState.Queued, OtaState.Initiated, OtaState.Downloading, OtaState.Downloaded, OtaState.Verified, OtaState.Updating, OtaState.Updated, OtaState.Failed];

    public SimulationTimeline(SimulationResult result)
    {
        Start = result.StartedAt;
        End = result.EndedAt > result.StartedAt ? result.EndedAt : result.StartedAt + TimeSpan.FromSeconds(1);
        Sessions = [.. result.Events.OfType<SessionScheduled>()];
        Closed = [.. result.Events.OfType<GroupClosed>()];
        Multicast = [.. result.Events.OfType<MulticastSent>()];
        Changes = [.. result.Events.OfType<DeviceStateChanged>()];
        Devices = result.Devices;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public int Devices { get; }

    public IReadOnlyList<SessionScheduled> Sessions { get; }

    public IReadOnlyList<GroupClosed> Closed { get; }

    public IReadOnlyList<MulticastSent> Multicast { get; }

    public IReadOnlyList<DeviceStateChanged> Changes { get; }

    /// <summary>Devices per state at <paramref name="samples"/> evenly spaced times from start to end.</summary>
    public int[][] CountsOverTime(int samples)
    {
        var counts = new int[samples][];
        int[] current = new int[States.Length];
        current[0] = Devices;
        int next = 0;
        for (int i = 0; i < samples; i++)
        {
            DateTimeOffset at = Start + ((End - Start) * i / Math.Max(samples - 1, 1));
            while (next < Changes.Count && Changes[next].At <= at)
            {
                current[Array.IndexOf(States, Changes[next].From)]--;
                current[Array.IndexOf(States, Changes[next].To)]++;
                next++;
            }

            counts[i] = (int[])current.Clone();
        }

        return counts;
    }
}

using System.Globalization;
using LoRaFuota.Campaigns;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Emulation;

/// <summary>
/// What every emulated network server shares: the virtual devices' radio run to a <see cref="TimeProvider"/>, the
/// uplinks it produces handed to the dialect to publish, and a record of what was published, handled and dropped.
/// The dialects (ChirpStack, The Things Stack) add their wire contracts.
/// </summary>
public abstract class NetworkServerEmulator : IAsyncDisposable
{
    private const int BeaconSeconds = 128;
    private readonly ITimer _timer;
    private readonly List<string> _dropped = [];
    private long _eventsEmitted;
    private long _commandsHandled;
    private long _nextId;

    /// <summary>Initializes a new instance of the <see cref="NetworkServerEmulator"/> class.</summary>
    /// <param name="network">The devices and their radio (not started).</param>
    /// <param name="region">The region (data-rate sizes and air times).</param>
    /// <param name="time">The clock.</param>
    private protected NetworkServerEmulator(SimulatedNetwork network, RegionalParameters region, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(time);
        Network = network;
        Region = region;
        Time = time;
        _timer = time.CreateTimer(_ => Run(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets the network and its record of every frame (read it between steps).</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>Gets the uplink events published so far.</summary>
    public long EventsEmitted => Interlocked.Read(ref _eventsEmitted);

    /// <summary>Gets the downlink commands (MQTT messages) handled so far.</summary>
    public long CommandsHandled => Interlocked.Read(ref _commandsHandled);

    /// <summary>Gets what the server dropped or refused with only a log line or a failure event, one line each.</summary>
    public IReadOnlyList<string> Dropped
    {
        get
        {
            lock (Gate)
            {
                return [.. _dropped];
            }
        }
    }

    /// <summary>Gets when the emulated radio next has something to do.</summary>
    public DateTimeOffset? NextEventTime
    {
        get
        {
            lock (Gate)
            {
                return Network.NextEventTime;
            }
        }
    }

    private protected RegionalParameters Region { get; }

    private protected TimeProvider Time { get; }

    private protected Lock Gate { get; } = new();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the dialect's connections.</summary>
    /// <returns>A task that completes when released.</returns>
    private protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Publishes uplinks the gateways heard, outside the lock.</summary>
    private protected abstract void PublishUplinks(List<DeviceUplink> uplinks);

    /// <summary>Called under the lock after the radio ran to <paramref name="now"/>: drop sent queue items, collect reports.</summary>
    private protected virtual void CaughtUp(DateTimeOffset now)
    {
    }

    /// <summary>Switches the devices on at the clock's time.</summary>
    private protected void StartRadio()
    {
        lock (Gate)
        {
            Network.Start(Time.GetUtcNow());
            Reschedule();
        }
    }

    /// <summary>Runs the radio up to the clock; the caller holds the lock.</summary>
    private protected List<DeviceUplink> Catch()
    {
        var uplinks = new List<DeviceUplink>();
        DateTimeOffset now = Time.GetUtcNow();
        Network.RunUntil(now, uplinks);
        CaughtUp(now);
        return uplinks;
    }

    /// <summary>Arms the timer for the radio's next event; the caller holds the lock.</summary>
    private protected void Reschedule()
    {
        if (Network.NextEventTime is DateTimeOffset next)
        {
            TimeSpan due = next - Time.GetUtcNow();
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Records a drop or refusal.</summary>
    private protected void Drop(string reason)
    {
        lock (Gate)
        {
            _dropped.Add(reason);
        }
    }

    private protected void CountEvent() => Interlocked.Increment(ref _eventsEmitted);

    private protected void CountCommand() => Interlocked.Increment(ref _commandsHandled);

    private protected long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>The first ping slot of a group strictly after <paramref name="after"/>.</summary>
    private protected static DateTimeOffset NextPingSlot(uint mcAddr, byte periodicity, DateTimeOffset after)
    {
        Span<TimeSpan> offsets = stackalloc TimeSpan[128];
        long beacon = GpsTime.FromDateTimeOffset(after) / BeaconSeconds * BeaconSeconds;
        for (int i = 0; i < 4; i++, beacon += BeaconSeconds)
        {
            int count = PingSlots.GetSlotOffsets(beacon, mcAddr, periodicity, offsets);
            DateTimeOffset start = GpsTime.ToDateTimeOffset(beacon);
            for (int slot = 0; slot < count; slot++)
            {
                if (start + offsets[slot] > after)
                {
                    return start + offsets[slot];
                }
            }
        }

        return after;
    }

    private protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Run()
    {
        List<DeviceUplink> uplinks;
        lock (Gate)
        {
            uplinks = Catch();
            Reschedule();
        }

        PublishUplinks(uplinks);
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;

namespace LoRaFuota.Simulation.Network;

/// <summary>
/// A <see cref="SimulatedNetwork"/> behind the <see cref="IFuotaTransport"/> seam, on a <see cref="TimeProvider"/>: the
/// network's events run when the clock reaches them, its uplinks stream out, the campaign's actions go in. With a fake
/// clock a test steps it; with the system clock it runs in real time (an emulator for dry runs).
/// </summary>
public sealed class SimulatedNetworkServer : IFuotaTransport, IDisposable
{
    private readonly SimulatedNetwork _network;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Channel<DeviceUplink> _uplinks = Channel.CreateUnbounded<DeviceUplink>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<DeviceUplink> _received = [];
    private readonly Lock _lock = new();
    private long _emitted;   // uplinks handed to the stream

    /// <summary>Initializes a new instance of the <see cref="SimulatedNetworkServer"/> class and switches the devices on.</summary>
    /// <param name="network">The network and its devices (not started).</param>
    /// <param name="timeProvider">The clock.</param>
    public SimulatedNetworkServer(SimulatedNetwork network, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _network = network;
        _time = timeProvider;
        _timer = timeProvider.CreateTimer(_ => Run(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_lock)
        {
            _network.Start(_time.GetUtcNow());
            Reschedule();
        }
    }

    /// <summary>Gets the simulated network (read it under no other thread's feet: between steps).</summary>
    public SimulatedNetwork Network => _network;

    /// <summary>Gets the uplinks handed to the stream so far.</summary>
    internal long UplinksEmitted => Interlocked.Read(ref _emitted);

    /// <inheritdoc/>
    public ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken) => Execute(downlink);

    /// <inheritdoc/>
    public ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken) => Execute(group);

    /// <inheritdoc/>
    public ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken) => Execute(downlink);

    /// <inheritdoc/>
    public ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken) => Execute(deletion);

    /// <inheritdoc/>
    public async IAsyncEnumerable<DeviceUplink> ReadUplinksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _uplinks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_uplinks.Reader.TryRead(out DeviceUplink uplink))
            {
                yield return uplink;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer.Dispose();
        _uplinks.Writer.TryComplete();
    }

    private ValueTask Execute(CampaignAction action)
    {
        lock (_lock)
        {
            Catch();
            _network.Execute(action);
            Reschedule();
        }

        return ValueTask.CompletedTask;
    }

    private void Run()
    {
        lock (_lock)
        {
            Catch();
            Reschedule();
        }
    }

    // Runs the network up to the clock and hands the uplinks out.
    private void Catch()
    {
        _received.Clear();
        _network.RunUntil(_time.GetUtcNow(), _received);
        foreach (DeviceUplink uplink in _received)
        {
            Interlocked.Increment(ref _emitted);
            _uplinks.Writer.TryWrite(uplink);
        }
    }

    private void Reschedule()
    {
        if (_network.NextEventTime is DateTimeOffset next)
        {
            TimeSpan due = next - _time.GetUtcNow();
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}

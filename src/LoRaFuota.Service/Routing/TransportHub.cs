using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;

namespace LoRaFuota.Service.Routing;

/// <summary>
/// One network-server connection shared by the campaigns an instance runs at once. Each campaign gets a
/// <see cref="CampaignTransport"/>: its uplinks are the ones of its own devices (routed by DevEUI as they arrive, from
/// one reader of the connection), and its multicast group numbers are mapped to numbers unique on the connection, so
/// two campaigns' group 0 never meet. An uplink of a device no campaign here runs is kept for
/// <see cref="Retention"/> (at most <see cref="MaxRetained"/> of them) and handed to the campaign that claims the device
/// within that time: the answers that arrive while a campaign is between two holders (a restart, or a takeover after a
/// lease ran out) are not lost, and an instance that runs none of a device's campaigns never acts on its uplinks.
/// The connection is read only while a campaign is open, so an idle hub leaves the uplinks to whoever else reads the
/// same connection (the network-server client keeps them until then).
/// </summary>
internal sealed class TransportHub(IFuotaTransport inner, TimeProvider time, TimeSpan retention) : IDisposable
{
    /// <summary>The most uplinks kept for devices no campaign here runs.</summary>
    public const int MaxRetained = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<DevEui, List<CampaignTransport>> _routes = [];
    private readonly Queue<(DeviceUplink Uplink, DateTimeOffset At)> _retained = new();
    private CancellationTokenSource? _pump;
    private Task _pumped = Task.CompletedTask; // the last pump: the next starts reading when it has stopped (one reader at a time)
    private int _nextGroup;

    /// <summary>Gets the connection.</summary>
    public IFuotaTransport Inner => inner;

    /// <summary>Gets how long an uplink of a device no campaign here runs is kept.</summary>
    public TimeSpan Retention => retention;

    /// <summary>Gets the uplinks kept now (for tests).</summary>
    public int RetainedCount
    {
        get
        {
            lock (_lock)
            {
                return _retained.Count;
            }
        }
    }

    /// <summary>Gives a campaign its view of the connection; dispose it when the campaign is let go.</summary>
    /// <param name="devices">The campaign's devices.</param>
    /// <returns>The campaign's transport, with the uplinks kept for its devices already in it.</returns>
    public CampaignTransport Open(IEnumerable<DevEui> devices)
    {
        var view = new CampaignTransport(this, [.. devices]);
        lock (_lock)
        {
            foreach (DevEui device in view.Devices)
            {
                if (!_routes.TryGetValue(device, out List<CampaignTransport>? list))
                {
                    _routes[device] = list = [];
                }

                list.Add(view);
            }

            Expire();
            DateTimeOffset oldest = time.GetUtcNow() - retention;
            int kept = _retained.Count;
            for (int i = 0; i < kept; i++)
            {
                (DeviceUplink uplink, DateTimeOffset at) = _retained.Dequeue();
                if (at < oldest)
                {
                    continue; // out of date (the queue is in arrival order, not quite in reception order)
                }

                if (view.Devices.Contains(uplink.DevEui))
                {
                    view.Deliver(uplink);
                }
                else
                {
                    _retained.Enqueue((uplink, at));
                }
            }

            if (_pump is null)
            {
                CancellationTokenSource pump = _pump = new CancellationTokenSource();
                Task previous = _pumped;
                _pumped = Task.Run(async () =>
                {
                    await previous.ConfigureAwait(false);
                    await PumpAsync(pump).ConfigureAwait(false);
                });
            }
        }

        return view;
    }

    /// <summary>Gets a group number no other campaign on this connection uses.</summary>
    internal int NextGroup() => Interlocked.Increment(ref _nextGroup) - 1;

    internal void Close(CampaignTransport view)
    {
        lock (_lock)
        {
            foreach (DevEui device in view.Devices)
            {
                if (_routes.TryGetValue(device, out List<CampaignTransport>? list))
                {
                    list.Remove(view);
                    if (list.Count == 0)
                    {
                        _routes.Remove(device);
                    }
                }
            }

            if (_routes.Count == 0)
            {
                StopPump(); // nothing open: stop reading
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            StopPump();
        }
    }

    private void StopPump()
    {
        _pump?.Cancel();
        _pump = null;
    }

    private async Task PumpAsync(CancellationTokenSource pump)
    {
        CancellationToken cancellationToken = pump.Token;
        Exception? failure = null;
        try
        {
            await foreach (DeviceUplink uplink in inner.ReadUplinksAsync(cancellationToken).ConfigureAwait(false))
            {
                Route(uplink);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            pump.Dispose();
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = ex;
        }

        // The connection's stream ended: every campaign's ends with it (its runner stops, the lease is released and the
        // campaign is claimed again), and the next campaign opened reads the connection again.
        lock (_lock)
        {
            if (ReferenceEquals(_pump, pump))
            {
                _pump = null;
            }

            pump.Dispose();
            foreach (CampaignTransport view in _routes.Values.SelectMany(l => l).Distinct())
            {
                view.End(failure);
            }
        }
    }

    private void Route(DeviceUplink uplink)
    {
        lock (_lock)
        {
            if (_routes.TryGetValue(uplink.DevEui, out List<CampaignTransport>? views))
            {
                foreach (CampaignTransport view in views)
                {
                    view.Deliver(uplink);
                }

                return;
            }

            Expire();
            if (_retained.Count == MaxRetained)
            {
                _retained.Dequeue();
            }

            // Aged from when the network server received it: a backlog read late (the connection kept it while no
            // campaign ran here) is as old as its uplinks.
            DateTimeOffset now = time.GetUtcNow();
            _retained.Enqueue((uplink, uplink.ReceivedAt != default && uplink.ReceivedAt < now ? uplink.ReceivedAt : now));
        }
    }

    private void Expire()
    {
        DateTimeOffset oldest = time.GetUtcNow() - retention;
        while (_retained.TryPeek(out (DeviceUplink Uplink, DateTimeOffset At) first) && first.At < oldest)
        {
            _retained.Dequeue();
        }
    }
}

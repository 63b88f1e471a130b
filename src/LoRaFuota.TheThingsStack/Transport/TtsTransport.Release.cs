using LoRaFuota.TheThingsStack.Messages;

namespace LoRaFuota.TheThingsStack.Transport;

/// <content>Releasing held multicast frames at their slot, and reading the server's reports.</content>
public sealed partial class TtsTransport
{
    // Caller holds the lock on _held.
    private void ArmTimer()
    {
        if (_held.TryPeek(out _, out DateTimeOffset due))
        {
            TimeSpan wait = due - _time.GetUtcNow();
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReleaseDue()
    {
        lock (_held)
        {
            DateTimeOffset now = _time.GetUtcNow();
            while (_held.TryPeek(out HeldFrame? frame, out DateTimeOffset due) && due <= now)
            {
                _held.Dequeue();
                _inFlight++;
                _pushes = PushAfterAsync(_pushes, frame); // one after another, in slot order
            }

            ArmTimer();
        }
    }

    private async Task PushAfterAsync(Task previous, HeldFrame frame)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await _mqtt.PushAsync(frame.DeviceId, [frame.Frame], _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (Exception ex) when (ex is Mqtt.TtsConnectionException or ArgumentException or InvalidOperationException)
        {
            Log.PushFailed(_logger, frame.DeviceId, ex);
        }
        finally
        {
            lock (_held)
            {
                _inFlight--;
            }
        }
    }

    private async Task ReadOutcomesAsync()
    {
        try
        {
            await foreach (TtsDownlinkEvent outcome in _mqtt.Outcomes.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                string? ours = outcome.CorrelationIds.FirstOrDefault(c => c.StartsWith("lorafuota:down:", StringComparison.Ordinal));
                if (ours is null)
                {
                    continue; // someone else's downlink
                }

                switch (outcome.Kind)
                {
                    case TtsDownlinkEventKind.Queued when outcome.FCnt is uint assigned && _plannedCounters.TryGetValue(ours, out uint planned) && assigned != planned:
                        Log.CounterDiffers(_logger, ours, assigned, planned);
                        break;
                    case TtsDownlinkEventKind.Sent:
                        Interlocked.Increment(ref _sent);
                        _plannedCounters.TryRemove(ours, out _);
                        break;
                    case TtsDownlinkEventKind.Failed:
                        Interlocked.Increment(ref _failed);
                        _plannedCounters.TryRemove(ours, out _);
                        Log.DownlinkFailed(_logger, outcome.DeviceId, ours, outcome.Error ?? "no reason given");
                        break;
                    default:
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}

namespace LoRaFuota.Campaigns.State;

/// <summary>
/// The devices' next deadlines, earliest first (ties by device index). Entries go stale when a device's deadline
/// changes; stale ones are skipped on the way out. Rebuilt from the devices after a restore, never serialized.
/// </summary>
internal sealed class TimerQueue
{
    private readonly PriorityQueue<int, (DateTimeOffset At, int Index)> _queue = new();
    private readonly DateTimeOffset?[] _scheduled;

    public TimerQueue(int devices) => _scheduled = new DateTimeOffset?[devices];

    /// <summary>Sets (or clears, with null) device <paramref name="index"/>'s deadline.</summary>
    public void Set(int index, DateTimeOffset? at)
    {
        if (_scheduled[index] == at)
        {
            return;
        }

        _scheduled[index] = at;
        if (at is DateTimeOffset time)
        {
            _queue.Enqueue(index, (time, index));
        }
    }

    /// <summary>Gets the earliest deadline, or null.</summary>
    public DateTimeOffset? Peek()
    {
        while (_queue.TryPeek(out int index, out var key))
        {
            if (_scheduled[index] == key.At)
            {
                return key.At;
            }

            _queue.Dequeue();
        }

        return null;
    }

    /// <summary>Takes the device whose deadline is earliest and not after <paramref name="now"/>; its deadline is cleared.</summary>
    public bool TryTakeDue(DateTimeOffset now, out int index)
    {
        while (_queue.TryPeek(out index, out var key))
        {
            if (_scheduled[index] != key.At)
            {
                _queue.Dequeue();
                continue;
            }

            if (key.At > now)
            {
                break;
            }

            _queue.Dequeue();
            _scheduled[index] = null;
            return true;
        }

        index = -1;
        return false;
    }
}

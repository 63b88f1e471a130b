namespace LoRaFuota.Mqtt;

/// <summary>The last N message ids seen: a redelivery of the same event (QoS 1, or a server repeating itself) is dropped.</summary>
internal sealed class DeduplicationWindow(int capacity)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Returns true the first time <paramref name="id"/> is seen within the window.</summary>
    public bool TryAdd(string id)
    {
        lock (_seen)
        {
            if (!_seen.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}

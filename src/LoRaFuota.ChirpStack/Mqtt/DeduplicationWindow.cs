namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>The last N deduplication ids seen: a QoS 1 redelivery of the same event is dropped.</summary>
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

namespace LoRaFuota.Campaigns.State;

/// <summary>An outstanding unicast request: how often it was sent and when it times out.</summary>
internal sealed class PendingRequest
{
    public RequestKind Kind { get; set; }

    /// <summary>Gets or sets the sends so far (1 after the first).</summary>
    public int Attempt { get; set; }

    public DateTimeOffset Deadline { get; set; }
}

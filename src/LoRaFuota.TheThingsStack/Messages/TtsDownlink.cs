namespace LoRaFuota.TheThingsStack.Messages;

/// <summary>One <c>ApplicationDownlink</c> of a <c>down/push</c> or <c>down/replace</c>.</summary>
public sealed record TtsDownlink
{
    /// <summary>Gets the FPort, 1 to 233.</summary>
    public required byte FPort { get; init; }

    /// <summary>Gets the plaintext FRMPayload.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Gets the scheduling priority.</summary>
    public TtsPriority Priority { get; init; } = TtsPriority.High;

    /// <summary>Gets a value indicating whether the downlink is confirmed (never for multicast).</summary>
    public bool Confirmed { get; init; }

    /// <summary>Gets the engine's correlation ids; the <c>down/*</c> events carry them back.</summary>
    public IReadOnlyList<string> CorrelationIds { get; init; } = [];

    /// <summary>Gets the gateways for a class B/C downlink (<c>class_b_c.gateways</c>); every multicast downlink needs them. Empty for class A.</summary>
    public IReadOnlyList<string> Gateways { get; init; } = [];

    /// <summary>Gets the time to transmit (<c>class_b_c.absolute_time</c>; GPS gateways only), or null for the next free slot.</summary>
    public DateTimeOffset? AbsoluteTime { get; init; }
}

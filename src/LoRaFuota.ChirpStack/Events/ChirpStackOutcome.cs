namespace LoRaFuota.ChirpStack.Events;

/// <summary>A downlink outcome from ChirpStack's <c>txack</c>, <c>ack</c> or <c>log</c> event.</summary>
public sealed record ChirpStackOutcome
{
    /// <summary>Gets what happened.</summary>
    public required ChirpStackOutcomeKind Kind { get; init; }

    /// <summary>Gets the device.</summary>
    public required DevEui DevEui { get; init; }

    /// <summary>Gets the queue item id (the <c>id</c> the engine gave its command), when the event carries one.</summary>
    public string? QueueItemId { get; init; }

    /// <summary>Gets the downlink frame counter, when the event carries it.</summary>
    public uint? FCntDown { get; init; }

    /// <summary>Gets the log code name (e.g. <c>DOWNLINK_PAYLOAD_SIZE</c>, <c>EXPIRED</c>) of a log event.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the log level name (<c>INFO</c>, <c>WARNING</c>, <c>ERROR</c>) of a log event.</summary>
    public string? Level { get; init; }

    /// <summary>Gets the log description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets when ChirpStack built the event.</summary>
    public DateTimeOffset? EventTime { get; init; }
}

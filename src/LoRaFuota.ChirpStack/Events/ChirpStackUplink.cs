namespace LoRaFuota.ChirpStack.Events;

/// <summary>
/// An uplink from ChirpStack's <c>up</c> event, reduced to what a FUOTA engine uses. Defaults ChirpStack leaves out of
/// its JSON read as 0 or false.
/// </summary>
public sealed record ChirpStackUplink
{
    /// <summary>Gets the event's deduplication id: the same uplink delivered twice (QoS 1) carries the same id.</summary>
    public required string DeduplicationId { get; init; }

    /// <summary>Gets the application's id.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>Gets the device.</summary>
    public required DevEui DevEui { get; init; }

    /// <summary>Gets the FPort (0 when ChirpStack left it out: a MAC-only frame).</summary>
    public required byte FPort { get; init; }

    /// <summary>Gets the decrypted FRMPayload.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Gets the uplink frame counter.</summary>
    public uint FCnt { get; init; }

    /// <summary>Gets when ChirpStack built the event.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Gets the first reception's time since the GPS epoch (GNSS gateways): the best clock for TS003.</summary>
    public TimeSpan? TimeSinceGpsEpoch { get; init; }

    /// <summary>Gets the first reception's gateway time (GNSS gateways).</summary>
    public DateTimeOffset? GatewayTime { get; init; }

    /// <summary>Gets when the network server received the uplink.</summary>
    public DateTimeOffset? NetworkServerTime { get; init; }

    /// <summary>Gets every gateway that heard it.</summary>
    public IReadOnlyList<ChirpStackReception> Receptions { get; init; } = [];
}

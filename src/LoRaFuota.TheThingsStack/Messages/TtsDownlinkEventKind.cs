namespace LoRaFuota.TheThingsStack.Messages;

/// <summary>What The Things Stack reports about a downlink, on <c>down/{kind}</c>.</summary>
public enum TtsDownlinkEventKind
{
    /// <summary><c>down/queued</c>: the Application Server queued it (with its frame counter).</summary>
    Queued,

    /// <summary><c>down/sent</c>: a gateway transmitted it.</summary>
    Sent,

    /// <summary><c>down/failed</c>: it could not be scheduled or was refused.</summary>
    Failed,

    /// <summary><c>down/ack</c>: the device acknowledged a confirmed downlink.</summary>
    Ack,

    /// <summary><c>down/nack</c>: a confirmed downlink was not acknowledged.</summary>
    Nack,
}

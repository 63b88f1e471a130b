namespace LoRaFuota.ChirpStack.Events;

/// <summary>What a downlink outcome event says.</summary>
public enum ChirpStackOutcomeKind
{
    /// <summary><c>txack</c>: a gateway took the unicast downlink for transmission.</summary>
    TransmitAcknowledged = 0,

    /// <summary><c>ack</c> with <c>acknowledged</c>: the device confirmed the downlink.</summary>
    Acknowledged,

    /// <summary><c>ack</c> without <c>acknowledged</c>: the wait for the device's ACK timed out.</summary>
    NotAcknowledged,

    /// <summary><c>log</c>: ChirpStack logged a problem (oversize payload, no gateway, expired item ...).</summary>
    Logged,
}

namespace LoRaFuota.Planning;

/// <summary>One multicast downlink of a campaign plan: when, on which port, with which bytes and frame counter.</summary>
/// <param name="NotBefore">When the gateway should transmit it.</param>
/// <param name="FPort">The application port (201 for TS004).</param>
/// <param name="Payload">The FRMPayload; empty when the plan was made from a size without the image.</param>
/// <param name="MulticastFrameCounter">The multicast FCnt of the frame (repeats on several gateways share it).</param>
/// <param name="Kind">What the frame carries.</param>
/// <param name="FragmentNumber">The DataFragment N, or 0 for other frames.</param>
/// <param name="Gateway">The gateway (0-based) that sends this copy.</param>
public readonly record struct ScheduledDownlink(
    DateTimeOffset NotBefore,
    byte FPort,
    ReadOnlyMemory<byte> Payload,
    uint MulticastFrameCounter,
    DownlinkKind Kind,
    int FragmentNumber,
    int Gateway);

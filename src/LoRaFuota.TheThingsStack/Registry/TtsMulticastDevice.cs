using LoRaFuota.Planning;

namespace LoRaFuota.TheThingsStack.Registry;

/// <summary>A multicast pseudo-device: a virtual ABP device with the campaign's address, session keys and radio settings.</summary>
public sealed record TtsMulticastDevice
{
    /// <summary>Gets the device id.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Gets the multicast address (the session's DevAddr).</summary>
    public required uint McAddr { get; init; }

    /// <summary>Gets the application session key (secret: never logged).</summary>
    public required Key128 McAppSKey { get; init; }

    /// <summary>Gets the network session key (secret: never logged).</summary>
    public required Key128 McNwkSKey { get; init; }

    /// <summary>Gets the frame counter of the first downlink.</summary>
    public uint FirstFCnt { get; init; }

    /// <summary>Gets class C or class B.</summary>
    public MulticastClass Class { get; init; } = MulticastClass.ClassC;

    /// <summary>Gets the data rate index (RX2 for class C, the ping slots' for class B).</summary>
    public int DataRate { get; init; }

    /// <summary>Gets the frequency in Hz.</summary>
    public uint FrequencyHz { get; init; }

    /// <summary>Gets the class B ping-slot periodicity, 0 to 7.</summary>
    public byte Periodicity { get; init; }
}

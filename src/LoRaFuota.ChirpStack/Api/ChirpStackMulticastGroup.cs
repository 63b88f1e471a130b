using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.ChirpStack.Api;

/// <summary>
/// A multicast group as the engine sets it up in ChirpStack: the McAddr and session keys it derived and told the
/// devices, the first frame counter (ChirpStack assigns the following ones), and the class, data rate and frequency of
/// the session.
/// </summary>
public sealed record ChirpStackMulticastGroup
{
    /// <summary>Gets the group's name in ChirpStack.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the application's id (UUID).</summary>
    public required string ApplicationId { get; init; }

    /// <summary>Gets the region.</summary>
    public required Region Region { get; init; }

    /// <summary>Gets the multicast address.</summary>
    public required uint McAddr { get; init; }

    /// <summary>Gets McNwkSKey.</summary>
    public required Key128 McNwkSKey { get; init; }

    /// <summary>Gets McAppSKey.</summary>
    public required Key128 McAppSKey { get; init; }

    /// <summary>Gets the first frame counter: McFCntMin of the McGroupSetupReq.</summary>
    public uint FirstFCnt { get; init; }

    /// <summary>Gets the class of the session.</summary>
    public MulticastClass Class { get; init; }

    /// <summary>Gets the data rate.</summary>
    public int DataRate { get; init; }

    /// <summary>Gets the frequency in Hz.</summary>
    public uint FrequencyHz { get; init; }

    /// <summary>Gets the class B ping-slot periodicity, 0 to 7.</summary>
    public byte PingSlotPeriodicity { get; init; }

    /// <summary>Gets a value indicating whether every gateway sends at the same GPS time (GNSS gateways) rather than one after another.</summary>
    public bool GpsTimeScheduling { get; init; }
}

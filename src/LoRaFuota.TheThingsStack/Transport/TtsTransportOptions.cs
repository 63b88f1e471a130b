using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;

namespace LoRaFuota.TheThingsStack.Transport;

/// <summary>How the transport uses The Things Stack: gateways for multicast, timing, device ids and priorities.</summary>
public sealed class TtsTransportOptions
{
    /// <summary>Gets the gateway ids that transmit multicast frames (<c>class_b_c.gateways</c>); The Things Stack needs at least one.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether the gateways are GPS-synchronised: every multicast frame is then handed over at
    /// once with <c>absolute_time</c> set to its slot. Otherwise the transport holds each frame and pushes it at its slot,
    /// and the server sends it in the next free slot.
    /// </summary>
    public bool AbsoluteTime { get; set; }

    /// <summary>Gets device ids by DevEUI, for devices not yet heard (the ids of heard devices come with their uplinks).</summary>
    public IDictionary<DevEui, string> DeviceIds { get; } = new Dictionary<DevEui, string>();

    /// <summary>Gets or sets the prefix of a device id made from its DevEUI when nothing else is known (the console's default <c>eui-</c>).</summary>
    public string DeviceIdPrefix { get; set; } = "eui-";

    /// <summary>Gets or sets the prefix of the multicast pseudo-devices the transport creates (<c>{prefix}-{group}-{mcaddr}</c>).</summary>
    public string MulticastDeviceIdPrefix { get; set; } = "lorafuota-mc";

    /// <summary>Gets or sets the priority of unicast downlinks.</summary>
    public TtsPriority UnicastPriority { get; set; } = TtsPriority.High;

    /// <summary>Gets or sets the priority of multicast frames.</summary>
    public TtsPriority MulticastPriority { get; set; } = TtsPriority.Highest;

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Gateways.Count == 0 || Gateways.Any(g => !TtsTopics.IsIdentifier(g)))
        {
            problems.Add("Gateways must name at least one gateway id: The Things Stack needs class_b_c.gateways for every multicast frame.");
        }

        if (DeviceIds.Values.Any(id => !TtsTopics.IsIdentifier(id)))
        {
            problems.Add("DeviceIds must map to device ids (lower-case letters, digits and dashes).");
        }

        if (!TtsTopics.IsIdentifier(DeviceIdPrefix + "0011223344556677") || !TtsTopics.IsIdentifier(MulticastDeviceIdPrefix + "-0-00000000"))
        {
            problems.Add("DeviceIdPrefix and MulticastDeviceIdPrefix must make device ids (lower-case letters, digits and dashes; at most 36 characters in all).");
        }

        if (!Enum.IsDefined(UnicastPriority) || !Enum.IsDefined(MulticastPriority))
        {
            problems.Add("UnicastPriority and MulticastPriority must be TxSchedulePriority values.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid The Things Stack transport options: " + string.Join(" ", problems));
        }
    }
}

using LoRaFuota.Planning;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <summary>A multicast pseudo-device as the emulated registries hold it (Identity, Network and Application Server parts).</summary>
internal sealed class PseudoDevice(string deviceId, int index)
{
    public string DeviceId { get; } = deviceId;

    public int Index { get; } = index;

    public bool NetworkServerSet { get; set; }

    public bool ApplicationServerSet { get; set; }

    public bool InNetwork { get; set; }

    public uint McAddr { get; set; }

    public Key128 NwkSKey { get; set; }

    public Key128 AppSKey { get; set; }

    public MulticastClass Class { get; set; } = MulticastClass.ClassC;

    public int DataRate { get; set; }

    public uint FrequencyHz { get; set; }

    public byte Periodicity { get; set; }

    /// <summary>Gets or sets the next downlink frame counter of the session.</summary>
    public uint NextFCnt { get; set; }

    /// <summary>Gets or sets when the gateway is free again after the group's last frame.</summary>
    public DateTimeOffset FreeAt { get; set; }
}

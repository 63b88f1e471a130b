using LoRaFuota.ChirpStack.Protocol.Api;

namespace LoRaFuota.Emulation.ChirpStack;

/// <summary>One multicast group as the emulated ChirpStack holds it.</summary>
internal sealed class EmulatedGroup(string id, int index, MulticastGroup spec)
{
    public string Id { get; } = id;

    public int Index { get; } = index;

    public MulticastGroup Spec { get; } = spec;

    public List<string> Devices { get; } = [];

    public List<string> Gateways { get; } = [];

    /// <summary>Gets the due times of frames not yet sent (ListQueue's items).</summary>
    public List<(DateTimeOffset Due, MulticastGroupQueueItem Item)> Queue { get; } = [];

    public DateTimeOffset? LastDue { get; set; }
}

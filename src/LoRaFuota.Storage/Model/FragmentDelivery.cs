namespace LoRaFuota.Storage.Model;

/// <summary>
/// One fragment handed to the network server: recorded before the campaign moves on, so a resumed campaign knows
/// exactly which fragments went out with which frame counters. A fragment is recorded at most once per group.
/// </summary>
/// <param name="Group">The multicast group (or -1 for unicast).</param>
/// <param name="Index">The fragment number N.</param>
/// <param name="FCnt">The frame counter it went out with, when the server told.</param>
/// <param name="EnqueuedAt">When it was handed over.</param>
public sealed record FragmentDelivery(int Group, int Index, uint? FCnt, DateTimeOffset EnqueuedAt);

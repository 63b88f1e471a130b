using LoRaFuota.Campaigns;

namespace LoRaFuota.Simulation.Network;

/// <summary>A multicast downlink the simulated network server put on the air.</summary>
/// <param name="Group">The campaign's group number.</param>
/// <param name="McAddr">The group's address.</param>
/// <param name="FCnt">The frame counter.</param>
/// <param name="At">When it was transmitted.</param>
/// <param name="Kind">A fragment or a status poll.</param>
/// <param name="FragmentNumber">The DataFragment N, or 0.</param>
/// <param name="Airtime">Its time on air.</param>
/// <param name="Receivers">The devices that took it.</param>
public readonly record struct MulticastTransmission(int Group, uint McAddr, uint FCnt, DateTimeOffset At, MulticastPayloadKind Kind, int FragmentNumber, TimeSpan Airtime, int Receivers);

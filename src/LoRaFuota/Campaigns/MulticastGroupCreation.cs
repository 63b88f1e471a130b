using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns;

/// <summary>Create a multicast group in the network server, matching what the devices were told in McGroupSetupReq and the session request.</summary>
/// <param name="Id">The action id.</param>
/// <param name="Group">The campaign's group number (0 for the first).</param>
/// <param name="McAddr">The multicast address.</param>
/// <param name="McAppSKey">The group's application session key (secret: never log it).</param>
/// <param name="McNwkSKey">The group's network session key (secret: never log it).</param>
/// <param name="FirstFCnt">The frame counter of the first multicast downlink (minMcFCnt).</param>
/// <param name="Class">Class C or class B.</param>
/// <param name="DataRate">The data rate index.</param>
/// <param name="FrequencyHz">The frequency.</param>
/// <param name="Periodicity">The class B ping-slot periodicity (0 for class C).</param>
/// <param name="Devices">The member devices (for the server's gateway selection).</param>
/// <param name="SessionStart">When the devices start listening.</param>
/// <param name="SessionEnd">When the devices stop listening.</param>
public sealed record MulticastGroupCreation(
    long Id,
    int Group,
    uint McAddr,
    Key128 McAppSKey,
    Key128 McNwkSKey,
    uint FirstFCnt,
    MulticastClass Class,
    int DataRate,
    uint FrequencyHz,
    byte Periodicity,
    IReadOnlyList<DevEui> Devices,
    DateTimeOffset SessionStart,
    DateTimeOffset SessionEnd) : CampaignAction(Id);

namespace LoRaFuota.Campaigns.Events;

/// <summary>A group's multicast session got its time; the session requests go out.</summary>
/// <param name="At">When.</param>
/// <param name="Group">The group number.</param>
/// <param name="McAddr">The group's address.</param>
/// <param name="FragmentationVersion">The TS004 version of its devices.</param>
/// <param name="Devices">The devices asked to join.</param>
/// <param name="SessionStart">When the devices start listening.</param>
/// <param name="SessionEnd">When they stop (the TimeOut code's length after the start).</param>
/// <param name="TimeoutCode">The TS005 TimeOut code.</param>
public sealed record SessionScheduled(
    DateTimeOffset At,
    int Group,
    uint McAddr,
    PackageVersion FragmentationVersion,
    int Devices,
    DateTimeOffset SessionStart,
    DateTimeOffset SessionEnd,
    byte TimeoutCode) : CampaignEvent(At);

using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Planning;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation;

/// <summary>What a simulation did: the outcome per device, the traffic, the events and the plan.</summary>
public sealed record SimulationResult
{
    /// <summary>Gets a value indicating whether the campaign completed (false: <see cref="SimulationOptions.MaxDuration"/> was reached).</summary>
    public required bool Completed { get; init; }

    /// <summary>Gets a value indicating whether the campaign was cancelled.</summary>
    public required bool Cancelled { get; init; }

    /// <summary>Gets the number of devices.</summary>
    public int Devices => DeviceResults.Count;

    /// <summary>Gets the devices updated.</summary>
    public int Updated => DeviceResults.Count(d => d.State == OtaState.Updated);

    /// <summary>Gets the devices failed.</summary>
    public int Failed => DeviceResults.Count(d => d.State == OtaState.Failed);

    /// <summary>Gets when the campaign started (virtual time).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when it ended (virtual time).</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Gets the campaign's virtual duration.</summary>
    public TimeSpan Duration => EndedAt - StartedAt;

    /// <summary>Gets the DataFragments transmitted (multicast and unicast).</summary>
    public int FragmentsSent => Network.Multicast.Count(m => m.Kind == MulticastPayloadKind.DataFragment) + Network.UnicastFragments;

    /// <summary>Gets the downlink air time (multicast and unicast).</summary>
    public TimeSpan Airtime => Network.MulticastAirtime + Network.UnicastAirtime;

    /// <summary>Gets each device's outcome, in fleet order.</summary>
    public required IReadOnlyList<DeviceResult> DeviceResults { get; init; }

    /// <summary>Gets every campaign event, in order.</summary>
    public required IReadOnlyList<CampaignEvent> Events { get; init; }

    /// <summary>Gets what the simulated network server did.</summary>
    public required NetworkLog Network { get; init; }

    /// <summary>Gets the campaign plan.</summary>
    public required CampaignPlan Plan { get; init; }

    /// <summary>Gets the image's SHA-256.</summary>
    public required string ImageSha256 { get; init; }

    /// <summary>Gets the size of the snapshot taken at <see cref="SimulationOptions.RestartAt"/>, or 0.</summary>
    public int SnapshotBytes { get; init; }
}

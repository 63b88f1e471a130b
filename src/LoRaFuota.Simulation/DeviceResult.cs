using LoRaFuota.Campaigns;

namespace LoRaFuota.Simulation;

/// <summary>How one device came out of a simulation: the campaign's view and the device's own truth.</summary>
public sealed record DeviceResult
{
    /// <summary>Gets the device.</summary>
    public required DevEui DevEui { get; init; }

    /// <summary>Gets the campaign's final state for the device.</summary>
    public required OtaState State { get; init; }

    /// <summary>Gets the failure reason, or <see cref="DeviceFailureReason.None"/>.</summary>
    public required DeviceFailureReason FailureReason { get; init; }

    /// <summary>Gets the DataFragments the device took into its session.</summary>
    public required int FragmentsReceived { get; init; }

    /// <summary>Gets the SHA-256 of the image the device installed, or null.</summary>
    public string? FirmwareSha256 { get; init; }

    /// <summary>Gets the version the device runs at the end.</summary>
    public required string FirmwareVersion { get; init; }

    /// <summary>Gets the negotiated TS003 version, or null.</summary>
    public PackageVersion? ClockSyncVersion { get; init; }

    /// <summary>Gets the negotiated TS004 version, or null.</summary>
    public PackageVersion? FragmentationVersion { get; init; }

    /// <summary>Gets the negotiated TS005 version, or null.</summary>
    public PackageVersion? MulticastSetupVersion { get; init; }

    /// <summary>Gets the LwM2M /5 State.</summary>
    public Lwm2mUpdateState Lwm2mState { get; init; }

    /// <summary>Gets the LwM2M /5 Update Result.</summary>
    public Lwm2mUpdateResult Lwm2mResult { get; init; }

    /// <summary>Gets the campaign's history of the device.</summary>
    public required IReadOnlyList<StateChange> History { get; init; }
}

namespace LoRaFuota.Campaigns;

/// <summary>A device's place in a campaign, in OTA and LwM2M terms, with its history.</summary>
public sealed record DeviceStatus
{
    /// <summary>Gets the device.</summary>
    public required DevEui DevEui { get; init; }

    /// <summary>Gets the OTA state.</summary>
    public required OtaState State { get; init; }

    /// <summary>Gets why it failed (<see cref="DeviceFailureReason.None"/> unless <see cref="State"/> is Failed).</summary>
    public required DeviceFailureReason FailureReason { get; init; }

    /// <summary>Gets every state change, oldest first.</summary>
    public required IReadOnlyList<StateChange> History { get; init; }

    /// <summary>Gets the TS003 version in use, or null when unknown or unsupported.</summary>
    public PackageVersion? ClockSyncVersion { get; init; }

    /// <summary>Gets the TS004 version in use, or null when unknown.</summary>
    public PackageVersion? FragmentationVersion { get; init; }

    /// <summary>Gets the TS005 version in use, or null when unknown.</summary>
    public PackageVersion? MulticastSetupVersion { get; init; }

    /// <summary>Gets the multicast group the device belongs to, or null.</summary>
    public int? Group { get; init; }

    /// <summary>Gets the last NbFragReceived the device reported, or null.</summary>
    public int? FragmentsReceived { get; init; }

    /// <summary>Gets the last MissingFrag the device reported, or null.</summary>
    public int? MissingFragments { get; init; }

    /// <summary>Gets the coded fragments sent to the device by unicast.</summary>
    public int UnicastFragments { get; init; }

    /// <summary>Gets the firmware version the device last reported, or null.</summary>
    public string? ReportedFirmwareVersion { get; init; }

    /// <summary>Gets the TS004 v2 SessionCnt the device was given, or null (persist it + 1 for the next campaign).</summary>
    public ushort? SessionCnt { get; init; }

    /// <summary>Gets the LwM2M Firmware Update State (/5/0/3).</summary>
    public Lwm2mUpdateState Lwm2mState => Lwm2mFirmwareUpdate.GetState(State);

    /// <summary>Gets the LwM2M Firmware Update Result (/5/0/5).</summary>
    public Lwm2mUpdateResult Lwm2mResult => Lwm2mFirmwareUpdate.GetResult(State, FailureReason);
}

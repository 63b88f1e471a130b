namespace LoRaFuota.Campaigns;

/// <summary>Maps a device's <see cref="OtaState"/> and failure reason to the LwM2M Firmware Update object (/5).</summary>
/// <remarks>
/// <code>
/// OtaState      State          Update Result
/// Queued        0 Idle         0 Initial
/// Initiated     0 Idle         0 Initial
/// Downloading   1 Downloading  0 Initial
/// Downloaded    2 Downloaded   0 Initial
/// Verified      2 Downloaded   0 Initial
/// Updating      3 Updating     0 Initial
/// Updated       0 Idle         1 Success
/// Failed        0 Idle         by reason (see <see cref="GetResult"/>)
/// </code>
/// </remarks>
public static class Lwm2mFirmwareUpdate
{
    /// <summary>Gets the LwM2M State of an OTA state.</summary>
    /// <param name="state">The OTA state.</param>
    /// <returns>The /5/0/3 value.</returns>
    public static Lwm2mUpdateState GetState(OtaState state) => state switch
    {
        OtaState.Downloading => Lwm2mUpdateState.Downloading,
        OtaState.Downloaded or OtaState.Verified => Lwm2mUpdateState.Downloaded,
        OtaState.Updating => Lwm2mUpdateState.Updating,
        _ => Lwm2mUpdateState.Idle,
    };

    /// <summary>Gets the LwM2M Update Result of an OTA state and its failure reason.</summary>
    /// <param name="state">The OTA state.</param>
    /// <param name="reason">The failure reason (only read for <see cref="OtaState.Failed"/>).</param>
    /// <returns>The /5/0/5 value.</returns>
    public static Lwm2mUpdateResult GetResult(OtaState state, DeviceFailureReason reason) => state switch
    {
        OtaState.Updated => Lwm2mUpdateResult.Success,
        OtaState.Failed => reason switch
        {
            DeviceFailureReason.NotEnoughMemory => Lwm2mUpdateResult.NotEnoughFlash,
            DeviceFailureReason.MemoryError => Lwm2mUpdateResult.OutOfRam,
            DeviceFailureReason.MissingFragments or DeviceFailureReason.Timeout or DeviceFailureReason.ClockOutOfSync
                or DeviceFailureReason.NetworkServerError => Lwm2mUpdateResult.ConnectionLost,
            DeviceFailureReason.MicError => Lwm2mUpdateResult.IntegrityCheckFailure,
            DeviceFailureReason.WrongDescriptor => Lwm2mUpdateResult.UnsupportedPackageType,
            DeviceFailureReason.UpdateFailed => Lwm2mUpdateResult.UpdateFailed,
            DeviceFailureReason.Cancelled => Lwm2mUpdateResult.Cancelled,
            DeviceFailureReason.PackageUnsupported or DeviceFailureReason.FragAlgoUnsupported or DeviceFailureReason.FragIndexUnsupported
                or DeviceFailureReason.SessionCntReplay or DeviceFailureReason.McGroupUnsupported
                or DeviceFailureReason.SessionRejected => Lwm2mUpdateResult.UnsupportedProtocol,
            _ => Lwm2mUpdateResult.UpdateFailed,
        },
        _ => Lwm2mUpdateResult.Initial,
    };
}

namespace LoRaFuota.Campaigns;

/// <summary>
/// Where a device stands in a campaign: ThingsBoard's OTA states. See <see cref="Lwm2mFirmwareUpdate"/> for the LwM2M
/// Firmware Update object (/5) equivalent of each.
/// </summary>
public enum OtaState
{
    /// <summary>In the campaign, not contacted yet.</summary>
    Queued = 0,

    /// <summary>Setup under way: version negotiation, clock sync, multicast and fragmentation setup.</summary>
    Initiated,

    /// <summary>The device accepted the session; fragments are on their way.</summary>
    Downloading,

    /// <summary>The device reported the whole data block.</summary>
    Downloaded,

    /// <summary>The device reported the block's integrity check passed (TS004 v2 data-block MIC).</summary>
    Verified,

    /// <summary>The device is expected to install and reboot; the campaign waits for its version report.</summary>
    Updating,

    /// <summary>The device reported the new firmware version after rebooting. Final.</summary>
    Updated,

    /// <summary>The device did not get the update; <see cref="DeviceFailureReason"/> says why. Final.</summary>
    Failed,
}

namespace LoRaFuota.Campaigns;

/// <summary>LwM2M Firmware Update object (/5) resource 5, Update Result (values 10 and 11 are LwM2M 1.1).</summary>
public enum Lwm2mUpdateResult : byte
{
    /// <summary>0: initial value, nothing to report.</summary>
    Initial = 0,

    /// <summary>1: firmware updated successfully.</summary>
    Success = 1,

    /// <summary>2: not enough flash memory for the new package.</summary>
    NotEnoughFlash = 2,

    /// <summary>3: out of RAM during the download.</summary>
    OutOfRam = 3,

    /// <summary>4: connection lost during the download.</summary>
    ConnectionLost = 4,

    /// <summary>5: integrity check failure of the new package.</summary>
    IntegrityCheckFailure = 5,

    /// <summary>6: unsupported package type.</summary>
    UnsupportedPackageType = 6,

    /// <summary>7: invalid URI.</summary>
    InvalidUri = 7,

    /// <summary>8: firmware update failed.</summary>
    UpdateFailed = 8,

    /// <summary>9: unsupported protocol.</summary>
    UnsupportedProtocol = 9,

    /// <summary>10: firmware update cancelled.</summary>
    Cancelled = 10,

    /// <summary>11: firmware update deferred.</summary>
    Deferred = 11,
}

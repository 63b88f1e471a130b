namespace LoRaFuota.Campaigns;

/// <summary>LwM2M Firmware Update object (/5) resource 3, State.</summary>
public enum Lwm2mUpdateState : byte
{
    /// <summary>0: idle (before a download, or after an update or a failure).</summary>
    Idle = 0,

    /// <summary>1: downloading.</summary>
    Downloading = 1,

    /// <summary>2: downloaded, not yet installed.</summary>
    Downloaded = 2,

    /// <summary>3: updating.</summary>
    Updating = 3,
}

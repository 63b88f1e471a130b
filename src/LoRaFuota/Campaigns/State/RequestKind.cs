namespace LoRaFuota.Campaigns.State;

/// <summary>What a unicast request asks; a device has at most one of each outstanding.</summary>
internal enum RequestKind
{
    /// <summary>PackageVersionReq on the TS003 port.</summary>
    ClockSyncVersion = 0,

    /// <summary>PackageVersionReq on the TS004 port.</summary>
    FragmentationVersion,

    /// <summary>PackageVersionReq on the TS005 port.</summary>
    MulticastSetupVersion,

    /// <summary>ForceDeviceResyncReq/Cmd (answered by AppTimeReq uplinks).</summary>
    Resync,

    /// <summary>McGroupSetupReq.</summary>
    GroupSetup,

    /// <summary>FragSessionSetupReq.</summary>
    FragSetup,

    /// <summary>McClassCSessionReq or McClassBSessionReq.</summary>
    Session,

    /// <summary>FragSessionStatusReq (unicast, participants = 1), possibly queued behind fragments.</summary>
    Status,

    /// <summary>A request for the firmware version report.</summary>
    VersionReport,

    /// <summary>McGroupDeleteReq.</summary>
    GroupDelete,

    /// <summary>FragSessionDeleteReq.</summary>
    FragDelete,
}

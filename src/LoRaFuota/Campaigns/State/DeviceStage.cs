namespace LoRaFuota.Campaigns.State;

/// <summary>Where a device is in the campaign's flow (finer than its <see cref="OtaState"/>).</summary>
internal enum DeviceStage
{
    /// <summary>Not started.</summary>
    Queued = 0,

    /// <summary>PackageVersionReq outstanding on at least one package.</summary>
    Negotiating,

    /// <summary>ForceDeviceResync sent; waiting for an AppTimeReq that shows the clock in sync.</summary>
    Syncing,

    /// <summary>McGroupSetupReq and FragSessionSetupReq outstanding.</summary>
    SettingUp,

    /// <summary>Set up; waiting for its group's session to be scheduled.</summary>
    Ready,

    /// <summary>McClassC/BSessionReq outstanding.</summary>
    Joining,

    /// <summary>In (or waiting for) its group's multicast session.</summary>
    InSession,

    /// <summary>Unicast-only delivery: fragments queued, status outstanding.</summary>
    Transferring,

    /// <summary>After the session: unicast status requests and repair fragments.</summary>
    Repairing,

    /// <summary>Block received; waiting for the version report after the install.</summary>
    Installing,

    /// <summary>Final state reached (Updated or Failed); only teardown may still run.</summary>
    Done,
}

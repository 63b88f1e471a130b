namespace LoRaFuota.Payloads;

/// <summary>Maps (package, version, direction, CID) to a command: the CID table of TS003, TS004 and TS005.</summary>
public static class AppLayerCommandTable
{
    /// <summary>Identifies the command a CID stands for.</summary>
    /// <param name="package">The package (FPort).</param>
    /// <param name="version">The package version.</param>
    /// <param name="direction">The frame direction.</param>
    /// <param name="cid">The command identifier.</param>
    /// <returns>The command, or <see cref="AppLayerCommand.None"/> when the CID is not defined there.</returns>
    public static AppLayerCommand Identify(AppLayerPackage package, PackageVersion version, LinkDirection direction, byte cid)
    {
        bool up = direction == LinkDirection.Uplink;
        if (cid == 0x00)
        {
            return up ? AppLayerCommand.PackageVersionAns : AppLayerCommand.PackageVersionReq;
        }

        return package switch
        {
            AppLayerPackage.ClockSync => IdentifyClockSync(version, up, cid),
            AppLayerPackage.Fragmentation => IdentifyFragmentation(version, up, cid),
            AppLayerPackage.MulticastSetup => IdentifyMulticast(up, cid),
            _ => AppLayerCommand.None,
        };
    }

    private static AppLayerCommand IdentifyClockSync(PackageVersion version, bool up, byte cid) => (cid, up) switch
    {
        (0x01, true) => AppLayerCommand.AppTimeReq,
        (0x01, false) => AppLayerCommand.AppTimeAns,
        (0x02, true) => AppLayerCommand.DeviceAppTimePeriodicityAns,
        (0x02, false) => AppLayerCommand.DeviceAppTimePeriodicityReq,
        (0x03, false) => version == PackageVersion.V2 ? AppLayerCommand.ForceDeviceResyncCmd : AppLayerCommand.ForceDeviceResyncReq,
        _ => AppLayerCommand.None,
    };

    private static AppLayerCommand IdentifyFragmentation(PackageVersion version, bool up, byte cid) => (cid, up) switch
    {
        (0x01, true) => AppLayerCommand.FragSessionStatusAns,
        (0x01, false) => AppLayerCommand.FragSessionStatusReq,
        (0x02, true) => AppLayerCommand.FragSessionSetupAns,
        (0x02, false) => AppLayerCommand.FragSessionSetupReq,
        (0x03, true) => AppLayerCommand.FragSessionDeleteAns,
        (0x03, false) => AppLayerCommand.FragSessionDeleteReq,
        (0x04, true) when version == PackageVersion.V2 => AppLayerCommand.FragDataBlockReceivedReq,
        (0x04, false) when version == PackageVersion.V2 => AppLayerCommand.FragDataBlockReceivedAns,
        (0x08, false) => AppLayerCommand.DataFragment,
        _ => AppLayerCommand.None,
    };

    private static AppLayerCommand IdentifyMulticast(bool up, byte cid) => (cid, up) switch
    {
        (0x01, true) => AppLayerCommand.McGroupStatusAns,
        (0x01, false) => AppLayerCommand.McGroupStatusReq,
        (0x02, true) => AppLayerCommand.McGroupSetupAns,
        (0x02, false) => AppLayerCommand.McGroupSetupReq,
        (0x03, true) => AppLayerCommand.McGroupDeleteAns,
        (0x03, false) => AppLayerCommand.McGroupDeleteReq,
        (0x04, true) => AppLayerCommand.McClassCSessionAns,
        (0x04, false) => AppLayerCommand.McClassCSessionReq,
        (0x05, true) => AppLayerCommand.McClassBSessionAns,
        (0x05, false) => AppLayerCommand.McClassBSessionReq,
        _ => AppLayerCommand.None,
    };
}

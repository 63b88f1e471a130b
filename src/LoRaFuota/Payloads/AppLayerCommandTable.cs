using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;

namespace LoRaFuota.Payloads;

/// <summary>Maps (package, version, direction, CID) to a command: the CID table of TS003, TS004 and TS005, from each record's <c>Cid</c>.</summary>
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
        if (cid == PackageVersionReq.Cid)
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
        (AppTimeReq.Cid, true) => AppLayerCommand.AppTimeReq,
        (AppTimeAns.Cid, false) => AppLayerCommand.AppTimeAns,
        (DeviceAppTimePeriodicityAns.Cid, true) => AppLayerCommand.DeviceAppTimePeriodicityAns,
        (DeviceAppTimePeriodicityReq.Cid, false) => AppLayerCommand.DeviceAppTimePeriodicityReq,
        (ForceDeviceResyncReq.Cid, false) => version == PackageVersion.V2 ? AppLayerCommand.ForceDeviceResyncCmd : AppLayerCommand.ForceDeviceResyncReq,
        _ => AppLayerCommand.None,
    };

    private static AppLayerCommand IdentifyFragmentation(PackageVersion version, bool up, byte cid) => (cid, up) switch
    {
        (FragSessionStatusAns.Cid, true) => AppLayerCommand.FragSessionStatusAns,
        (FragSessionStatusReq.Cid, false) => AppLayerCommand.FragSessionStatusReq,
        (FragSessionSetupAns.Cid, true) => AppLayerCommand.FragSessionSetupAns,
        (FragSessionSetupReq.Cid, false) => AppLayerCommand.FragSessionSetupReq,
        (FragSessionDeleteAns.Cid, true) => AppLayerCommand.FragSessionDeleteAns,
        (FragSessionDeleteReq.Cid, false) => AppLayerCommand.FragSessionDeleteReq,
        (FragDataBlockReceivedReq.Cid, true) when version == PackageVersion.V2 => AppLayerCommand.FragDataBlockReceivedReq,
        (FragDataBlockReceivedAns.Cid, false) when version == PackageVersion.V2 => AppLayerCommand.FragDataBlockReceivedAns,
        (DataFragment.Cid, false) => AppLayerCommand.DataFragment,
        _ => AppLayerCommand.None,
    };

    private static AppLayerCommand IdentifyMulticast(bool up, byte cid) => (cid, up) switch
    {
        (McGroupStatusAns.Cid, true) => AppLayerCommand.McGroupStatusAns,
        (McGroupStatusReq.Cid, false) => AppLayerCommand.McGroupStatusReq,
        (McGroupSetupAns.Cid, true) => AppLayerCommand.McGroupSetupAns,
        (McGroupSetupReq.Cid, false) => AppLayerCommand.McGroupSetupReq,
        (McGroupDeleteAns.Cid, true) => AppLayerCommand.McGroupDeleteAns,
        (McGroupDeleteReq.Cid, false) => AppLayerCommand.McGroupDeleteReq,
        (McClassCSessionAns.Cid, true) => AppLayerCommand.McClassCSessionAns,
        (McClassCSessionReq.Cid, false) => AppLayerCommand.McClassCSessionReq,
        (McClassBSessionAns.Cid, true) => AppLayerCommand.McClassBSessionAns,
        (McClassBSessionReq.Cid, false) => AppLayerCommand.McClassBSessionReq,
        _ => AppLayerCommand.None,
    };
}

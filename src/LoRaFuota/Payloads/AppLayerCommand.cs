namespace LoRaFuota.Payloads;

/// <summary>Every application-layer command, named as the specifications name them.</summary>
/// <remarks>The same CID means a different command in each direction, so a CID alone does not identify one.</remarks>
public enum AppLayerCommand
{
    /// <summary>No command (reader not started, or at an error).</summary>
    None = 0,

    /// <summary>PackageVersionReq, every package, downlink.</summary>
    PackageVersionReq,

    /// <summary>PackageVersionAns, every package, uplink.</summary>
    PackageVersionAns,

    /// <summary>TS003 AppTimeReq, uplink.</summary>
    AppTimeReq,

    /// <summary>TS003 AppTimeAns, downlink.</summary>
    AppTimeAns,

    /// <summary>TS003 DeviceAppTimePeriodicityReq, downlink.</summary>
    DeviceAppTimePeriodicityReq,

    /// <summary>TS003 DeviceAppTimePeriodicityAns, uplink.</summary>
    DeviceAppTimePeriodicityAns,

    /// <summary>TS003 v1 ForceDeviceResyncReq, downlink.</summary>
    ForceDeviceResyncReq,

    /// <summary>TS003 v2 ForceDeviceResyncCmd, downlink.</summary>
    ForceDeviceResyncCmd,

    /// <summary>TS004 FragSessionStatusReq, downlink.</summary>
    FragSessionStatusReq,

    /// <summary>TS004 FragSessionStatusAns, uplink.</summary>
    FragSessionStatusAns,

    /// <summary>TS004 FragSessionSetupReq, downlink.</summary>
    FragSessionSetupReq,

    /// <summary>TS004 FragSessionSetupAns, uplink.</summary>
    FragSessionSetupAns,

    /// <summary>TS004 FragSessionDeleteReq, downlink.</summary>
    FragSessionDeleteReq,

    /// <summary>TS004 FragSessionDeleteAns, uplink.</summary>
    FragSessionDeleteAns,

    /// <summary>TS004 v2 FragDataBlockReceivedReq, uplink.</summary>
    FragDataBlockReceivedReq,

    /// <summary>TS004 v2 FragDataBlockReceivedAns, downlink.</summary>
    FragDataBlockReceivedAns,

    /// <summary>TS004 DataFragment, downlink.</summary>
    DataFragment,

    /// <summary>TS005 McGroupStatusReq, downlink.</summary>
    McGroupStatusReq,

    /// <summary>TS005 McGroupStatusAns, uplink.</summary>
    McGroupStatusAns,

    /// <summary>TS005 McGroupSetupReq, downlink.</summary>
    McGroupSetupReq,

    /// <summary>TS005 McGroupSetupAns, uplink.</summary>
    McGroupSetupAns,

    /// <summary>TS005 McGroupDeleteReq, downlink.</summary>
    McGroupDeleteReq,

    /// <summary>TS005 McGroupDeleteAns, uplink.</summary>
    McGroupDeleteAns,

    /// <summary>TS005 McClassCSessionReq, downlink.</summary>
    McClassCSessionReq,

    /// <summary>TS005 McClassCSessionAns, uplink.</summary>
    McClassCSessionAns,

    /// <summary>TS005 McClassBSessionReq, downlink.</summary>
    McClassBSessionReq,

    /// <summary>TS005 McClassBSessionAns, uplink.</summary>
    McClassBSessionAns,
}

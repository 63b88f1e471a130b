using FsCheck;
using FsCheck.Xunit;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;

namespace LoRaFuota.Tests.Properties;

/// <summary>Round trip, length law, truncation and random-bytes properties for every command codec.</summary>
[Properties(Arbitrary = [typeof(FuotaArbitraries)], MaxTest = 200)]
public class CodecProperties
{
    [Property]
    public bool PackageVersionReq_ObeysCodecLaws(PackageVersionReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.ClockSync, LinkDirection.Downlink);

    [Property]
    public bool PackageVersionReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<PackageVersionReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool PackageVersionAns_ObeysCodecLaws(PackageVersionAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.Fragmentation, LinkDirection.Uplink);

    [Property]
    public bool PackageVersionAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<PackageVersionAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool AppTimeReq_ObeysCodecLaws(AppTimeReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.ClockSync, LinkDirection.Uplink);

    [Property]
    public bool AppTimeReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<AppTimeReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool AppTimeAns_ObeysCodecLaws(AppTimeAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.ClockSync, LinkDirection.Downlink);

    [Property]
    public bool AppTimeAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<AppTimeAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool DeviceAppTimePeriodicityReq_ObeysCodecLaws(DeviceAppTimePeriodicityReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.ClockSync, LinkDirection.Downlink);

    [Property]
    public bool DeviceAppTimePeriodicityReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<DeviceAppTimePeriodicityReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool DeviceAppTimePeriodicityAns_ObeysCodecLaws(DeviceAppTimePeriodicityAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.ClockSync, LinkDirection.Uplink);

    [Property]
    public bool DeviceAppTimePeriodicityAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<DeviceAppTimePeriodicityAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool ForceDeviceResyncReq_ObeysCodecLaws(ForceDeviceResyncReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.ClockSync, LinkDirection.Downlink);

    [Property]
    public bool ForceDeviceResyncReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<ForceDeviceResyncReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool ForceDeviceResyncCmd_ObeysCodecLaws(ForceDeviceResyncCmd value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.ClockSync, LinkDirection.Downlink);

    [Property]
    public bool ForceDeviceResyncCmd_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<ForceDeviceResyncCmd>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragSessionStatusReq_ObeysCodecLaws(FragSessionStatusReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.Fragmentation, LinkDirection.Downlink);

    [Property]
    public bool FragSessionStatusReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragSessionStatusReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragSessionStatusAns_ObeysCodecLaws(FragSessionStatusAns value) => CodecLaws.Hold(value, value.Version, AppLayerPackage.Fragmentation, LinkDirection.Uplink);

    [Property]
    public bool FragSessionStatusAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragSessionStatusAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragSessionSetupReq_ObeysCodecLaws(FragSessionSetupReq value) => CodecLaws.Hold(value, value.Version, AppLayerPackage.Fragmentation, LinkDirection.Downlink);

    [Property]
    public bool FragSessionSetupReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragSessionSetupReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragSessionSetupAns_ObeysCodecLaws(FragSessionSetupAns value) => CodecLaws.Hold(value, value.Version, AppLayerPackage.Fragmentation, LinkDirection.Uplink);

    [Property]
    public bool FragSessionSetupAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragSessionSetupAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragSessionDeleteReq_ObeysCodecLaws(FragSessionDeleteReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.Fragmentation, LinkDirection.Downlink);

    [Property]
    public bool FragSessionDeleteReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragSessionDeleteReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragSessionDeleteAns_ObeysCodecLaws(FragSessionDeleteAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.Fragmentation, LinkDirection.Uplink);

    [Property]
    public bool FragSessionDeleteAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragSessionDeleteAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragDataBlockReceivedReq_ObeysCodecLaws(FragDataBlockReceivedReq value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.Fragmentation, LinkDirection.Uplink);

    [Property]
    public bool FragDataBlockReceivedReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragDataBlockReceivedReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool FragDataBlockReceivedAns_ObeysCodecLaws(FragDataBlockReceivedAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.Fragmentation, LinkDirection.Downlink);

    [Property]
    public bool FragDataBlockReceivedAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<FragDataBlockReceivedAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McGroupStatusReq_ObeysCodecLaws(McGroupStatusReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.MulticastSetup, LinkDirection.Downlink);

    [Property]
    public bool McGroupStatusReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McGroupStatusReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McGroupStatusAns_ObeysCodecLaws(McGroupStatusAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.MulticastSetup, LinkDirection.Uplink);

    [Property]
    public bool McGroupStatusAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McGroupStatusAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McGroupSetupReq_ObeysCodecLaws(McGroupSetupReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.MulticastSetup, LinkDirection.Downlink);

    [Property]
    public bool McGroupSetupReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McGroupSetupReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McGroupSetupAns_ObeysCodecLaws(McGroupSetupAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.MulticastSetup, LinkDirection.Uplink);

    [Property]
    public bool McGroupSetupAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McGroupSetupAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McGroupDeleteReq_ObeysCodecLaws(McGroupDeleteReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.MulticastSetup, LinkDirection.Downlink);

    [Property]
    public bool McGroupDeleteReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McGroupDeleteReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McGroupDeleteAns_ObeysCodecLaws(McGroupDeleteAns value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.MulticastSetup, LinkDirection.Uplink);

    [Property]
    public bool McGroupDeleteAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McGroupDeleteAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McClassCSessionReq_ObeysCodecLaws(McClassCSessionReq value) => CodecLaws.Hold(value, PackageVersion.V1, AppLayerPackage.MulticastSetup, LinkDirection.Downlink);

    [Property]
    public bool McClassCSessionReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McClassCSessionReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McClassCSessionAns_ObeysCodecLaws(McClassCSessionAns value) => CodecLaws.Hold(value, value.Version, AppLayerPackage.MulticastSetup, LinkDirection.Uplink);

    [Property]
    public bool McClassCSessionAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McClassCSessionAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McClassBSessionReq_ObeysCodecLaws(McClassBSessionReq value) => CodecLaws.Hold(value, PackageVersion.V2, AppLayerPackage.MulticastSetup, LinkDirection.Downlink);

    [Property]
    public bool McClassBSessionReq_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McClassBSessionReq>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);

    [Property]
    public bool McClassBSessionAns_ObeysCodecLaws(McClassBSessionAns value) => CodecLaws.Hold(value, value.Version, AppLayerPackage.MulticastSetup, LinkDirection.Uplink);

    [Property]
    public bool McClassBSessionAns_RandomBytesNeverThrow(NonEmptyArray<byte> bytes, bool v2) =>
        CodecLaws.RandomBytesAreSafe<McClassBSessionAns>(bytes.Get, v2 ? PackageVersion.V2 : PackageVersion.V1);
}

using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;

namespace LoRaFuota.Payloads;

/// <summary>How many bytes a command occupies, from its CID and, for the variable ones, its second octet.</summary>
internal static class CommandLength
{
    /// <summary>The length-determining octet of the variable commands is the one after the CID.</summary>
    private const int StatusVisible = 2;

    /// <summary>Returns the bytes needed for the command at the start of <paramref name="source"/>; a value above the length means truncated.</summary>
    public static int GetRequired(AppLayerCommand command, PackageVersion version, ReadOnlySpan<byte> source) => command switch
    {
        AppLayerCommand.PackageVersionReq => PackageVersionReq.EncodedLength,
        AppLayerCommand.PackageVersionAns => PackageVersionAns.EncodedLength,
        AppLayerCommand.AppTimeReq => AppTimeReq.EncodedLength,
        AppLayerCommand.AppTimeAns => AppTimeAns.EncodedLength,
        AppLayerCommand.DeviceAppTimePeriodicityReq => DeviceAppTimePeriodicityReq.EncodedLength,
        AppLayerCommand.DeviceAppTimePeriodicityAns => DeviceAppTimePeriodicityAns.EncodedLength,
        AppLayerCommand.ForceDeviceResyncReq => ForceDeviceResyncReq.EncodedLength,
        AppLayerCommand.ForceDeviceResyncCmd => ForceDeviceResyncCmd.EncodedLength,
        AppLayerCommand.FragSessionStatusReq => FragSessionStatusReq.EncodedLength,
        AppLayerCommand.FragSessionStatusAns => source.Length < StatusVisible ? StatusVisible : FragSessionStatusAns.GetEncodedLength(source, version),
        AppLayerCommand.FragSessionSetupReq => FragSessionSetupReq.GetByteCount(version),
        AppLayerCommand.FragSessionSetupAns => FragSessionSetupAns.EncodedLength,
        AppLayerCommand.FragSessionDeleteReq => FragSessionDeleteReq.EncodedLength,
        AppLayerCommand.FragSessionDeleteAns => FragSessionDeleteAns.EncodedLength,
        AppLayerCommand.FragDataBlockReceivedReq => FragDataBlockReceivedReq.EncodedLength,
        AppLayerCommand.FragDataBlockReceivedAns => FragDataBlockReceivedAns.EncodedLength,
        AppLayerCommand.DataFragment => Math.Max(DataFragment.HeaderLength, source.Length),
        AppLayerCommand.McGroupStatusReq => McGroupStatusReq.EncodedLength,
        AppLayerCommand.McGroupStatusAns => source.Length < StatusVisible ? StatusVisible : McGroupStatusAns.GetByteCount(source[1]),
        AppLayerCommand.McGroupSetupReq => McGroupSetupReq.EncodedLength,
        AppLayerCommand.McGroupSetupAns => McGroupSetupAns.EncodedLength,
        AppLayerCommand.McGroupDeleteReq => McGroupDeleteReq.EncodedLength,
        AppLayerCommand.McGroupDeleteAns => McGroupDeleteAns.EncodedLength,
        AppLayerCommand.McClassCSessionReq => McClassCSessionReq.EncodedLength,
        AppLayerCommand.McClassBSessionReq => McClassBSessionReq.EncodedLength,
        AppLayerCommand.McClassCSessionAns or AppLayerCommand.McClassBSessionAns =>
            source.Length < StatusVisible ? StatusVisible : McSessionAnsLayout.GetLength(source[1], version),
        _ => int.MaxValue,
    };

    /// <summary>Runs the command's own reader over exactly its bytes; false means an illegal field value.</summary>
    public static bool IsValid(AppLayerCommand command, PackageVersion version, ReadOnlySpan<byte> bytes) => command switch
    {
        AppLayerCommand.PackageVersionReq => Check<PackageVersionReq>(bytes, version),
        AppLayerCommand.PackageVersionAns => Check<PackageVersionAns>(bytes, version),
        AppLayerCommand.AppTimeReq => Check<AppTimeReq>(bytes, version),
        AppLayerCommand.AppTimeAns => Check<AppTimeAns>(bytes, version),
        AppLayerCommand.DeviceAppTimePeriodicityReq => Check<DeviceAppTimePeriodicityReq>(bytes, version),
        AppLayerCommand.DeviceAppTimePeriodicityAns => Check<DeviceAppTimePeriodicityAns>(bytes, version),
        AppLayerCommand.ForceDeviceResyncReq => Check<ForceDeviceResyncReq>(bytes, version),
        AppLayerCommand.ForceDeviceResyncCmd => Check<ForceDeviceResyncCmd>(bytes, version),
        AppLayerCommand.FragSessionStatusReq => Check<FragSessionStatusReq>(bytes, version),
        AppLayerCommand.FragSessionStatusAns => Check<FragSessionStatusAns>(bytes, version),
        AppLayerCommand.FragSessionSetupReq => Check<FragSessionSetupReq>(bytes, version),
        AppLayerCommand.FragSessionSetupAns => Check<FragSessionSetupAns>(bytes, version),
        AppLayerCommand.FragSessionDeleteReq => Check<FragSessionDeleteReq>(bytes, version),
        AppLayerCommand.FragSessionDeleteAns => Check<FragSessionDeleteAns>(bytes, version),
        AppLayerCommand.FragDataBlockReceivedReq => Check<FragDataBlockReceivedReq>(bytes, version),
        AppLayerCommand.FragDataBlockReceivedAns => Check<FragDataBlockReceivedAns>(bytes, version),
        AppLayerCommand.DataFragment => DataFragment.TryRead(bytes, out _, out _),
        AppLayerCommand.McGroupStatusReq => Check<McGroupStatusReq>(bytes, version),
        AppLayerCommand.McGroupStatusAns => Check<McGroupStatusAns>(bytes, version),
        AppLayerCommand.McGroupSetupReq => Check<McGroupSetupReq>(bytes, version),
        AppLayerCommand.McGroupSetupAns => Check<McGroupSetupAns>(bytes, version),
        AppLayerCommand.McGroupDeleteReq => Check<McGroupDeleteReq>(bytes, version),
        AppLayerCommand.McGroupDeleteAns => Check<McGroupDeleteAns>(bytes, version),
        AppLayerCommand.McClassCSessionReq => Check<McClassCSessionReq>(bytes, version),
        AppLayerCommand.McClassCSessionAns => Check<McClassCSessionAns>(bytes, version),
        AppLayerCommand.McClassBSessionReq => Check<McClassBSessionReq>(bytes, version),
        AppLayerCommand.McClassBSessionAns => Check<McClassBSessionAns>(bytes, version),
        _ => false,
    };

    private static bool Check<T>(ReadOnlySpan<byte> bytes, PackageVersion version)
        where T : struct, IAppLayerCommand<T> =>
        T.TryRead(bytes, version, out _, out int consumed) && consumed == bytes.Length;
}

using System.Buffers;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;

namespace LoRaFuota.Tests.Allocation;

/// <summary>TryWrite, TryRead and the payload reader allocate nothing.</summary>
public class CodecAllocationTests
{
    private static readonly byte[] s_buffer = new byte[64];
    private static readonly byte[] s_frame = Convert.FromHexString("0503010204051f");

    [Fact]
    public void ClockSyncCommands_ReadAndWrite_AllocateNothing() => AllocationAssert.NoAllocations(static () =>
    {
        RoundTrip(new AppTimeReq(1024, 15, true), PackageVersion.V1);
        RoundTrip(new AppTimeAns(-34, 8), PackageVersion.V2);
        RoundTrip(new DeviceAppTimePeriodicityReq(3), PackageVersion.V1);
        RoundTrip(new DeviceAppTimePeriodicityAns(true, 1024), PackageVersion.V1);
        RoundTrip(new ForceDeviceResyncReq(7), PackageVersion.V1);
        RoundTrip(new ForceDeviceResyncCmd(7), PackageVersion.V2);
        RoundTrip(default(PackageVersionReq), PackageVersion.V1);
        RoundTrip(new PackageVersionAns(1, 2), PackageVersion.V2);
    });

    [Fact]
    public void FragmentationCommands_ReadAndWrite_AllocateNothing() => AllocationAssert.NoAllocations(static () =>
    {
        RoundTrip(new FragSessionStatusReq(2, true), PackageVersion.V1);
        RoundTrip(new FragSessionStatusAns { Version = PackageVersion.V2, FragIndex = 3, NbFragReceived = 1024, MissingFrag = 1 }, PackageVersion.V2);
        RoundTrip(new FragSessionSetupReq { Version = PackageVersion.V2, NbFrag = 10, FragSize = 10, SessionCnt = 1, Mic = 5 }, PackageVersion.V2);
        RoundTrip(new FragSessionSetupAns { Version = PackageVersion.V2, SessionCntReplay = true }, PackageVersion.V2);
        RoundTrip(new FragSessionDeleteReq(1), PackageVersion.V1);
        RoundTrip(new FragSessionDeleteAns(1, true), PackageVersion.V1);
        RoundTrip(new FragDataBlockReceivedReq(1, true), PackageVersion.V2);
        RoundTrip(new FragDataBlockReceivedAns(1), PackageVersion.V2);
        var fragment = new DataFragment(2, 1024, s_frame);
        fragment.TryWrite(s_buffer, out int written);
        DataFragment.TryRead(s_buffer.AsSpan(0, written), out _, out _);
    });

    [Fact]
    public void MulticastCommands_ReadAndWrite_AllocateNothing() => AllocationAssert.NoAllocations(static () =>
    {
        RoundTrip(new McGroupStatusReq(3), PackageVersion.V1);
        RoundTrip(new McGroupStatusAns { AnsGroupMask = 3, NbTotalGroups = 2 }, PackageVersion.V1);
        RoundTrip(new McGroupSetupReq { McGroupId = 1, McAddr = 0x01020304 }, PackageVersion.V1);
        RoundTrip(new McGroupSetupAns(1, true), PackageVersion.V1);
        RoundTrip(new McGroupDeleteReq(1), PackageVersion.V1);
        RoundTrip(new McGroupDeleteAns(1, false), PackageVersion.V1);
        RoundTrip(new McClassCSessionReq { SessionTime = 1024, TimeOut = 15, DlFrequencyHz = 868_100_000, DataRate = 5 }, PackageVersion.V1);
        RoundTrip(new McClassBSessionReq { SessionTime = 1024, TimeOut = 15, Periodicity = 4, DlFrequencyHz = 868_100_000, DataRate = 5 }, PackageVersion.V1);
        RoundTrip(new McClassCSessionAns { Version = PackageVersion.V2, TimeToStart = 1024 }, PackageVersion.V2);
        RoundTrip(new McClassBSessionAns { Version = PackageVersion.V2, StartMissed = true }, PackageVersion.V2);
    });

    [Fact]
    public void PayloadReader_WalkingAFrame_AllocatesNothing() => AllocationAssert.NoAllocations(static () =>
    {
        var reader = new AppLayerPayloadReader(s_frame, AppLayerPackage.MulticastSetup, PackageVersion.V1, LinkDirection.Uplink);
        while (reader.Read())
        {
            McClassBSessionAns.TryRead(reader.CommandBytes, PackageVersion.V1, out _, out _);
        }

        if (reader.Status != OperationStatus.Done)
        {
            throw new InvalidOperationException(reader.Error);
        }
    });

    private static void RoundTrip<T>(T value, PackageVersion version)
        where T : struct, IAppLayerCommand<T>
    {
        value.TryWrite(s_buffer, out int written);
        T.TryRead(s_buffer.AsSpan(0, written), version, out _, out _);
    }
}

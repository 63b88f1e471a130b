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
        Check(fragment.TryWrite(s_buffer, out int written) && written == 3 + s_frame.Length);
        Check(DataFragment.TryRead(s_buffer.AsSpan(0, written), out DataFragment read, out _)
            && read.FragIndex == 2 && read.N == 1024 && read.Payload.SequenceEqual(s_frame));
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
        uint timeToStart = 0;
        int accepted = 0;
        while (reader.Read())
        {
            Check(McClassBSessionAns.TryRead(reader.CommandBytes, PackageVersion.V1, out McClassBSessionAns answer, out _));
            timeToStart += answer.TimeToStart ?? 0;
            accepted += answer.IsAccepted ? 1 : 0;
        }

        // 05 03 010204: group 3, TimeToStart 0x040201; 05 1f: group 3 with every error bit.
        Check(reader.Status == OperationStatus.Done && reader.BytesConsumed == s_frame.Length && timeToStart == 0x040201 && accepted == 1);
    });

    // The measured work must also be right: a failed write or read, or a value that does not come back, throws.
    private static void RoundTrip<T>(T value, PackageVersion version)
        where T : struct, IAppLayerCommand<T>, IEquatable<T>
    {
        Check(value.TryWrite(s_buffer, out int written) && written == value.GetByteCount());
        Check(T.TryRead(s_buffer.AsSpan(0, written), version, out T read, out int consumed) && consumed == written && read.Equals(value));
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new Xunit.Sdk.XunitException("The measured codec call gave a wrong result.");
        }
    }
}

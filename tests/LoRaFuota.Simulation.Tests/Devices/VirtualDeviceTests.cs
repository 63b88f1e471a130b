using LoRaFuota.Campaigns;
using LoRaFuota.ClockSync;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Planning;
using LoRaFuota.Security;

namespace LoRaFuota.Simulation.Tests.Devices;

public sealed class VirtualDeviceTests
{
    private const uint McAddr = 0x01020304;
    private static readonly Key128 McKey = Key128.Parse("000102030405060708090a0b0c0d0e0f");

    [Fact]
    public void PackageVersionReq_EachPortAnswersWithTheVersionItRuns()
    {
        var bench = new DeviceBench(o => (o.ClockSyncVersion, o.FragmentationVersion, o.MulticastSetupVersion) = (PackageVersion.V1, PackageVersion.V2, PackageVersion.V1));

        bench.Downlink(202, default(PackageVersionReq).ToArray());
        bench.Downlink(201, default(PackageVersionReq).ToArray());
        bench.Downlink(200, default(PackageVersionReq).ToArray());
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(new PackageVersionAns(1, 1).ToArray(), bench.On(202).Last());
        Assert.Equal(new PackageVersionAns(3, 2).ToArray(), bench.On(201).Single());
        Assert.Equal(new PackageVersionAns(2, 1).ToArray(), bench.On(200).Single());
    }

    [Fact]
    public void McGroupSetupReq_IdBeyondItsGroups_AnswersIdError()
    {
        var bench = new DeviceBench(o => o.MaxMulticastGroups = 2);

        bench.Downlink(200, GroupSetup(groupId: 3).ToArray());
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(new McGroupSetupAns(3, IdError: true).ToArray(), bench.On(200).Single());
    }

    [Fact]
    public void McClassCSessionReq_AcceptedWithTheTimeToStartByItsClock()
    {
        var bench = new DeviceBench(o => o.ClockOffset = TimeSpan.FromSeconds(-20));
        bench.Downlink(200, GroupSetup().ToArray());
        long start = GpsTime.FromDateTimeOffset(bench.Now) + 600;

        bench.Downlink(200, Session(start).ToArray());
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.True(McClassCSessionAns.TryRead(bench.On(200).Last(), PackageVersion.V2, out McClassCSessionAns answer, out _));
        Assert.True(answer.IsAccepted);
        Assert.Equal(620u, answer.TimeToStart); // its clock is 20 s behind
    }

    [Fact]
    public void McClassCSessionReq_Errors_AreReportedBitByBit()
    {
        var bench = new DeviceBench();
        long start = GpsTime.FromDateTimeOffset(bench.Now) + 600;

        bench.Downlink(200, Session(start).ToArray()); // no group yet
        bench.Downlink(200, GroupSetup().ToArray());
        bench.Downlink(200, (Session(start) with { DataRate = 15 }).ToArray());
        bench.Downlink(200, (Session(start) with { DlFrequencyHz = 915_000_000 }).ToArray());
        bench.Downlink(200, Session(start - 1200).ToArray());
        bench.Run(TimeSpan.FromSeconds(30));

        McClassCSessionAns[] answers = [.. bench.On(200).Where(a => a[0] == McClassCSessionAns.Cid).Select(a => McClassCSessionAns.TryRead(a, PackageVersion.V2, out var ans, out _) ? ans : default)];
        Assert.True(answers[0].McGroupUndefined);
        Assert.True(answers[1].DrError);
        Assert.True(answers[2].FreqError);
        Assert.True(answers[3].StartMissed);
        Assert.All(answers, a => Assert.Null(a.TimeToStart));
    }

    [Theory]
    [InlineData(PackageVersion.V1, false, true)]  // LoRaMac-node reports a start in the past as an undefined group
    [InlineData(PackageVersion.V2, true, false)]
    public void McClassCSessionReq_StartInThePast_DependsOnTheVersion(PackageVersion version, bool startMissed, bool undefined)
    {
        var bench = new DeviceBench(o => o.MulticastSetupVersion = version);
        bench.Downlink(200, GroupSetup().ToArray());

        bench.Downlink(200, Session(GpsTime.FromDateTimeOffset(bench.Now) - 10).ToArray());
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.True(McClassCSessionAns.TryRead(bench.On(200).Last(), version, out McClassCSessionAns answer, out _));
        Assert.Equal(startMissed, answer.StartMissed);
        Assert.Equal(undefined, answer.McGroupUndefined);
    }

    [Theory]
    [InlineData(1, 100, 0, null, 0, "EncodingUnsupported")]
    [InlineData(0, 5000, 0, null, 0, "NotEnoughMemory")]
    [InlineData(0, 100, 3, null, 0, "FragIndexUnsupported")]
    [InlineData(0, 100, 0, 7u, 0, "WrongDescriptor")]
    [InlineData(0, 100, 0, null, 4, "SessionCntReplay")] // the device last took SessionCnt 4
    public void FragSessionSetupReq_Rejections(byte fragAlgo, ushort nbFrag, byte fragIndex, uint? acceptedDescriptor, ushort sessionCnt, string bit)
    {
        var bench = new DeviceBench(o =>
        {
            o.MaxFragSessions = 2;
            o.AcceptedDescriptor = acceptedDescriptor;
            o.LastSessionCnt = 4;
        });

        bench.Downlink(201, new FragSessionSetupReq
        {
            Version = PackageVersion.V2, FragIndex = fragIndex, NbFrag = nbFrag, FragSize = 200, FragAlgo = fragAlgo, Descriptor = 9, SessionCnt = sessionCnt,
        }.ToArray());
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.True(FragSessionSetupAns.TryRead(bench.On(201).Single(), PackageVersion.V2, out FragSessionSetupAns answer, out _));
        Assert.False(answer.IsAccepted);
        Assert.True((bool)typeof(FragSessionSetupAns).GetProperty(bit)!.GetValue(answer)!);
    }

    [Fact]
    public void Multicast_RightKeyWindowAndCounter_RebuildsVerifiesInstallsAndReportsTheNewVersion()
    {
        byte[] image = SampleImage.Create(2000);
        var bench = new DeviceBench();
        bench.Device.ExpectImage(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image)), "3.0.0");
        Key128 appSKey = JoinSession(bench, image, out FragmentEncoder encoder, out FragSessionSetupReq setup);

        uint fCnt = 0;
        for (int n = 1; n <= encoder.NbFrag; n++)
        {
            Assert.True(bench.Multicast(McAddr, appSKey, fCnt++, 201, Fragment(encoder, n)));
        }

        Assert.Equal(encoder.NbFrag, bench.Device.FragmentsReceived);
        bench.Run(TimeSpan.FromMinutes(1));
        Assert.Equal(new FragDataBlockReceivedReq(0, MicError: false).ToArray(), bench.On(201).Last()); // AckReception
        bench.Run(TimeSpan.FromMinutes(2));

        Assert.Equal("3.0.0", bench.Device.RunningVersion);
        Assert.Equal(1, bench.Device.Reboots);
        Assert.True(DevVersionProtocol.Default.TryReadReport(bench.On(203).Single(), out string reported));
        Assert.Equal("3.0.0", reported);
        Assert.False(bench.Multicast(McAddr, appSKey, fCnt, 201, Fragment(encoder, 1))); // the reboot cleared the group
        _ = setup;
    }

    [Fact]
    public void Multicast_WrongKeyReplayedCounterOrOutsideTheWindow_IsDropped()
    {
        byte[] image = SampleImage.Create(2000);
        var bench = new DeviceBench();
        Key128 appSKey = JoinSession(bench, image, out FragmentEncoder encoder, out _);

        Assert.False(bench.Multicast(McAddr, McKey, 0, 201, Fragment(encoder, 1)));        // another key: MIC fails
        Assert.True(bench.Multicast(McAddr, appSKey, 5, 201, Fragment(encoder, 1)));
        Assert.False(bench.Multicast(McAddr, appSKey, 5, 201, Fragment(encoder, 2)));      // counter not above the last
        Assert.False(bench.Multicast(McAddr, appSKey, 4, 201, Fragment(encoder, 2)));
        Assert.False(bench.Multicast(McAddr, appSKey, 6, 201, Fragment(encoder, 2), dataRate: 4)); // not its data rate
        Assert.False(bench.Multicast(0x0BADBEEF, appSKey, 7, 201, Fragment(encoder, 2)));  // not its group: not even counted
        bench.Run(TimeSpan.FromHours(2));                                                   // the session window is over
        Assert.False(bench.Multicast(McAddr, appSKey, 8, 201, Fragment(encoder, 2)));
        Assert.Equal(5, bench.Device.MulticastDropped);
    }

    [Fact]
    public void StatusPoll_ParticipantsZero_OnlyDevicesMissingFragmentsAnswer()
    {
        byte[] image = SampleImage.Create(600);
        var bench = new DeviceBench();
        Key128 appSKey = JoinSession(bench, image, out FragmentEncoder encoder, out _);
        bench.Multicast(McAddr, appSKey, 0, 201, Fragment(encoder, 1));
        bench.Clear();

        bench.Multicast(McAddr, appSKey, 1, 201, new FragSessionStatusReq(0, Participants: false).ToArray());
        bench.Run(TimeSpan.FromSeconds(30)); // BlockAckDelay 0: within 16 s (plus the answer delay)

        Assert.True(FragSessionStatusAns.TryRead(bench.On(201).Single(), PackageVersion.V2, out FragSessionStatusAns status, out _));
        Assert.Equal(1, status.NbFragReceived);
        Assert.Equal(encoder.NbFrag - 1, status.MissingFrag);
        for (int n = 2; n <= encoder.NbFrag; n++)
        {
            bench.Multicast(McAddr, appSKey, (uint)(n + 1), 201, Fragment(encoder, n));
        }

        bench.Clear();
        bench.Multicast(McAddr, appSKey, 100, 201, new FragSessionStatusReq(0, Participants: false).ToArray());
        bench.Run(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(bench.On(201), u => u[0] == FragSessionStatusAns.Cid); // it has the block: no status answer
        Assert.Contains(bench.On(201), u => u[0] == FragDataBlockReceivedReq.Cid);      // (it confirms the block instead)
    }

    [Fact]
    public void AppTimeAns_MatchingTokenCorrectsTheClock_StaleTokenIsIgnored()
    {
        var bench = new DeviceBench(o => o.ClockOffset = TimeSpan.FromSeconds(-50));
        bench.Run(TimeSpan.FromHours(1)); // the boot AppTimeReq went out with token 0
        Assert.True(AppTimeReq.TryRead(bench.On(202).First(), PackageVersion.V2, out AppTimeReq request, out _));
        Assert.Equal(0, request.TokenReq);
        Assert.True(request.AnsRequired);

        bench.Downlink(202, new AppTimeAns(50, TokenAns: 3).ToArray());
        Assert.InRange(bench.Device.ClockErrorSeconds(bench.Now), -51, -49);
        bench.Downlink(202, new AppTimeAns(50, TokenAns: 0).ToArray());
        Assert.InRange(bench.Device.ClockErrorSeconds(bench.Now), -1, 1);
    }

    [Fact]
    public void ForceDeviceResyncCmd_SendsThatManyAppTimeReqsUntilAnswered()
    {
        var bench = new DeviceBench();
        bench.Run(TimeSpan.FromHours(1));
        bench.Clear();

        bench.Downlink(202, new ForceDeviceResyncCmd(3).ToArray());
        bench.Run(TimeSpan.FromMinutes(5));

        Assert.Equal(3, bench.On(202).Count(u => u[0] == AppTimeReq.Cid));
    }

    [Fact]
    public void DevVersionReq_AnswersItsRunningVersion()
    {
        var bench = new DeviceBench(o => o.FirmwareVersion = "1.4.2");

        bench.Downlink(203, default(DevVersionReq).ToArray());
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.True(DevVersionProtocol.Default.TryReadReport(bench.On(203).Single(), out string version));
        Assert.Equal("1.4.2", version);
    }

    [Fact]
    public void FramePending_MakesTheDevicePullTheNextDownlink()
    {
        var bench = new DeviceBench();
        bench.Run(TimeSpan.FromHours(1));
        bench.Clear();

        bench.Downlink(202, default(PackageVersionReq).ToArray(), framePending: true);
        bench.Run(TimeSpan.FromSeconds(10));

        Assert.Contains(bench.Uplinks, u => u.Port == 0 && u.Payload.Length == 0);
    }

    private static McGroupSetupReq GroupSetup(byte groupId = 0) => new()
    {
        McGroupId = groupId,
        McAddr = McAddr,
        McKeyEncrypted = MulticastKeys.EncryptMcKey(DeviceBench.McKEKey, McKey),
        MinMcFCnt = 0,
        MaxMcFCnt = 1000,
    };

    private static McClassCSessionReq Session(long startGps) => new()
    {
        McGroupId = 0,
        SessionTime = GpsTime.ToUInt32(startGps),
        TimeOut = 12,
        DlFrequencyHz = 869_525_000,
        DataRate = 5,
    };

    private static Key128 JoinSession(DeviceBench bench, byte[] image, out FragmentEncoder encoder, out FragSessionSetupReq setup)
    {
        encoder = new FragmentEncoder(image, 200, ParityVariant.V2);
        Key128 dataBlockIntKey = DataBlockIntegrity.DeriveDataBlockIntKey(DeviceBench.RootKey);
        setup = new FragSessionSetupReq
        {
            Version = PackageVersion.V2, McGroupBitMask = 1, NbFrag = (ushort)encoder.NbFrag, FragSize = 200, Padding = (byte)encoder.Layout.Padding,
            AckReception = true, SessionCnt = 0, Mic = DataBlockIntegrity.ComputeMic(dataBlockIntKey, 0, 0, 0, image),
        };
        bench.Downlink(200, GroupSetup().ToArray());
        bench.Downlink(201, setup.ToArray());
        bench.Downlink(200, Session(GpsTime.FromDateTimeOffset(bench.Now)).ToArray());
        bench.Run(TimeSpan.FromSeconds(10)); // the three answers go out
        return MulticastKeys.DeriveMcAppSKey(McKey, McAddr);
    }

    private static byte[] Fragment(FragmentEncoder encoder, int n)
    {
        byte[] frame = new byte[DataFragment.HeaderLength + encoder.FragSize];
        encoder.WriteDataFragment(n, 0, frame);
        return frame;
    }
}

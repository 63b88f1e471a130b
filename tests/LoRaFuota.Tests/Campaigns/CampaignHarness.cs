using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.ClockSync;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Tests.Campaigns;

/// <summary>
/// Drives a <see cref="FuotaCampaign"/> by hand: the test plays the network server and the devices, feeding the
/// answers it wants and reading back every action, on a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class CampaignHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly Key128 McKey = Key128.Parse("0102030405060708090a0b0c0d0e0f10");
    public const uint McAddr = 0x01AB0001;

    private CampaignHarness(FuotaCampaignOptions options, DeviceKeyStore keys)
    {
        Options = options;
        Keys = keys;
        Campaign = FuotaCampaign.Create(options, keys);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public DeviceKeyStore Keys { get; }

    public FuotaCampaignOptions Options { get; }

    public FuotaCampaign Campaign { get; set; }

    public List<CampaignAction> Actions { get; } = [];

    public List<CampaignEvent> Events { get; } = [];

    public CampaignStep? Last { get; private set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public IReadOnlyList<DevEui> Devices => [.. Options.Devices.Select(d => d.DevEui)];

    public static byte[] Image(int size)
    {
        byte[] image = new byte[size];
        new Random(7).NextBytes(image);
        return image;
    }

    public static Key128 RootKey(DevEui eui)
    {
        Span<byte> key = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, eui.Value);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[8..], ~eui.Value);
        return Key128.Create(key);
    }

    public static CampaignHarness Create(int devices = 2, Action<FuotaCampaignOptions>? configure = null, int imageSize = 4000)
    {
        var keys = new DeviceKeyStore();
        var options = new FuotaCampaignOptions
        {
            Name = "test",
            Image = new FirmwareImage(Image(imageSize), "sensor", "2.1.0", descriptor: 0xA1B2C3D4),
            DataRate = 5,
            RedundancyPercent = 20,
            McAddr = McAddr,
            McKey = McKey,
        };
        for (int i = 1; i <= devices; i++)
        {
            var eui = new DevEui(0x0011223344550000UL + (ulong)i);
            keys.Add(eui, RootKeyKind.GenAppKey, RootKey(eui));
            options.Devices.Add(new CampaignDevice { DevEui = eui, UplinkInterval = TimeSpan.FromMinutes(10), FirmwareVersion = "2.0.0" });
        }

        configure?.Invoke(options);
        return new CampaignHarness(options, keys);
    }

    public CampaignStep Begin() => Record(Campaign.Advance(Now));

    public CampaignStep Advance(TimeSpan by)
    {
        Time.Advance(by);
        return Record(Campaign.Advance(Now));
    }

    /// <summary>Moves time to the campaign's next wake-up (at most <paramref name="limit"/> ahead) and runs it.</summary>
    public CampaignStep AdvanceToWakeUp(TimeSpan? limit = null)
    {
        DateTimeOffset? next = Last?.NextWakeUp;
        TimeSpan by = next is DateTimeOffset at && at > Now ? at - Now : TimeSpan.Zero;
        if (limit is TimeSpan max && by > max)
        {
            by = max;
        }

        return Advance(by);
    }

    public CampaignStep Uplink(DevEui eui, byte port, params byte[][] commands) =>
        Record(Campaign.HandleUplink(new DeviceUplink(eui, port, commands.SelectMany(c => c).ToArray(), Now), Now));

    public CampaignStep Record(CampaignStep step)
    {
        Actions.AddRange(step.Actions);
        Events.AddRange(step.Events);
        Last = step;
        return step;
    }

    public IEnumerable<UnicastDownlink> Unicast(DevEui eui) => Actions.OfType<UnicastDownlink>().Where(d => d.DevEui == eui);

    public IEnumerable<UnicastDownlink> Unicast(DevEui eui, string command) => Unicast(eui).Where(d => d.Command == command);

    public UnicastDownlink LastUnicast(DevEui eui, string command) => Unicast(eui, command).Last();

    public OtaState State(DevEui eui) => Campaign.GetDevice(eui).State;

    public DeviceFailureReason Reason(DevEui eui) => Campaign.GetDevice(eui).FailureReason;

    /// <summary>The commands of a downlink, read with the project's own reader (it must parse whole).</summary>
    public static AppLayerCommand[] Commands(UnicastDownlink downlink, PackageVersion version)
    {
        var package = (AppLayerPackage)downlink.FPort;
        var reader = new AppLayerPayloadReader(downlink.Payload.Span, package, version, LinkDirection.Downlink);
        var commands = new List<AppLayerCommand>();
        while (reader.Read())
        {
            commands.Add(reader.Command);
        }

        Assert.Equal(System.Buffers.OperationStatus.Done, reader.Status);
        return [.. commands];
    }

    public void AnswerVersions(DevEui eui, PackageVersion version = PackageVersion.V2)
    {
        Uplink(eui, 202, new PackageVersionAns(PackageVersionAns.ClockSyncIdentifier, (byte)version).ToArray());
        Uplink(eui, 201, new PackageVersionAns(PackageVersionAns.FragmentationIdentifier, (byte)version).ToArray());
        Uplink(eui, 200, new PackageVersionAns(PackageVersionAns.MulticastSetupIdentifier, (byte)version).ToArray());
    }

    public void AcceptSetup(DevEui eui, PackageVersion version = PackageVersion.V2)
    {
        Uplink(eui, 200, new McGroupSetupAns(Options.McGroupId, IdError: false).ToArray());
        Uplink(eui, 201, new FragSessionSetupAns { Version = version, FragIndex = Options.FragIndex }.ToArray());
    }

    public McClassCSessionReq LastSessionRequest(DevEui eui)
    {
        Assert.True(McClassCSessionReq.TryRead(LastUnicast(eui, "McClassCSessionReq").Payload.Span, PackageVersion.V2, out McClassCSessionReq request, out _));
        return request;
    }

    /// <summary>Answers the last class C session request as a device whose clock is right (offset 0) would.</summary>
    public void AcceptSession(DevEui eui, PackageVersion version = PackageVersion.V2, long clockError = 0)
    {
        McClassCSessionReq request = LastSessionRequest(eui);
        long start = GpsTime.FromUInt32(request.SessionTime, GpsTime.FromDateTimeOffset(Now));
        long timeToStart = start - (GpsTime.FromDateTimeOffset(Now) + clockError);
        Uplink(eui, 200, new McClassCSessionAns { Version = version, McGroupId = request.McGroupId, TimeToStart = (uint)timeToStart }.ToArray());
    }

    /// <summary>Negotiates, sets up and joins every device, then runs to the session start.</summary>
    public void RunToSession(PackageVersion version = PackageVersion.V2)
    {
        Begin();
        foreach (DevEui eui in Devices)
        {
            AnswerVersions(eui, version);
        }

        foreach (DevEui eui in Devices)
        {
            AcceptSetup(eui, version);
        }

        foreach (DevEui eui in Devices)
        {
            AcceptSession(eui, version);
        }
    }

    public void ReportBlock(DevEui eui, bool micError = false) =>
        Uplink(eui, 201, new FragDataBlockReceivedReq(Options.FragIndex, micError).ToArray());

    public void ReportVersion(DevEui eui, string version)
    {
        DevVersionProtocol.TryEncode(version, out uint firmware);
        Uplink(eui, 203, new DevVersionAns(firmware, 1).ToArray());
    }

    /// <summary>Runs the campaign's timers until <paramref name="until"/> (or completion), one wake-up at a time.</summary>
    public void RunUntil(DateTimeOffset until)
    {
        for (int guard = 0; guard < 100_000 && !Campaign.IsCompleted && Now < until; guard++)
        {
            DateTimeOffset next = Last?.NextWakeUp is DateTimeOffset at && at < until ? at : until;
            Advance(next > Now ? next - Now : TimeSpan.Zero);
        }
    }
}

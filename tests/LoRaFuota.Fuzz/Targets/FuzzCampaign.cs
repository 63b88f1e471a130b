using LoRaFuota.Campaigns;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Security;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// A small campaign (3 devices, a 3 000-byte image, EU868 DR5 class C) and a scripted run of it where every device
/// answers every request correctly, with snapshots taken along the way: the seeds of the snapshot and uplink targets.
/// </summary>
internal static class FuzzCampaign
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);

    public static readonly FirmwareImage Image = new(Bytes(3000), "fuzz", "2.1.0");

    public static readonly DevEui[] Devices = [new(0x70B3D57ED0000001), new(0x70B3D57ED0000002), new(0x70B3D57ED0000003)];

    private static readonly Lazy<IReadOnlyList<(string Snapshot, DateTimeOffset At)>> s_snapshots = new(Script);

    public static DeviceKeyStore Keys { get; } = CreateKeys();

    /// <summary>Snapshots of the scripted run from the start to the end, with the time each was taken.</summary>
    public static IReadOnlyList<(string Snapshot, DateTimeOffset At)> Snapshots => s_snapshots.Value;

    public static FuotaCampaign Create()
    {
        var options = new FuotaCampaignOptions { Name = "fuzz", Image = Image, DataRate = 5, RedundancyPercent = 30 };
        foreach (DevEui eui in Devices)
        {
            options.Devices.Add(new CampaignDevice { DevEui = eui, UplinkInterval = TimeSpan.FromMinutes(5), FirmwareVersion = "2.0.0" });
        }

        return FuotaCampaign.Create(options, Keys);
    }

    /// <summary>The answers a well-behaved device gives to one downlink, as (port, payload) uplinks.</summary>
    public static IEnumerable<(byte Port, byte[] Payload)> Answers(UnicastDownlink downlink, DateTimeOffset now)
    {
        var package = (AppLayerPackage)downlink.FPort;
        if (downlink.FPort == DevVersionProtocol.DefaultFPort)
        {
            yield return (downlink.FPort, new DevVersionAns(0x00010002, 1).ToArray());
            yield break;
        }

        var reader = new AppLayerPayloadReader(downlink.Payload.Span, package, PackageVersion.V2, LinkDirection.Downlink);
        var answers = new List<byte[]>();
        while (reader.Read())
        {
            byte[]? answer = Answer(reader.Command, reader.CommandBytes, package, now);
            if (answer is not null)
            {
                answers.Add(answer);
            }
        }

        foreach (byte[] answer in answers)
        {
            yield return (downlink.FPort, answer);
        }
    }

    private static byte[]? Answer(AppLayerCommand command, ReadOnlySpan<byte> bytes, AppLayerPackage package, DateTimeOffset now)
    {
        PackageVersion v2 = PackageVersion.V2;
        switch (command)
        {
            case AppLayerCommand.PackageVersionReq:
                byte id = package switch { AppLayerPackage.ClockSync => 1, AppLayerPackage.Fragmentation => 3, _ => 2 };
                return new PackageVersionAns(id, 2).ToArray();
            case AppLayerCommand.McGroupSetupReq when McGroupSetupReq.TryRead(bytes, v2, out McGroupSetupReq setup, out _):
                return new McGroupSetupAns(setup.McGroupId, false).ToArray();
            case AppLayerCommand.FragSessionSetupReq when FragSessionSetupReq.TryRead(bytes, v2, out FragSessionSetupReq frag, out _):
                return new FragSessionSetupAns { Version = v2, FragIndex = frag.FragIndex }.ToArray();
            case AppLayerCommand.McClassCSessionReq when McClassCSessionReq.TryRead(bytes, v2, out McClassCSessionReq session, out _):
                long toStart = session.SessionTime - GpsTime.FromDateTimeOffset(now);
                return new McClassCSessionAns { Version = v2, McGroupId = session.McGroupId, TimeToStart = (uint)Math.Clamp(toStart, 0, 0xFFFFFE) }.ToArray();
            case AppLayerCommand.FragSessionStatusReq when FragSessionStatusReq.TryRead(bytes, v2, out FragSessionStatusReq status, out _):
                return new FragSessionStatusAns { Version = v2, FragIndex = status.FragIndex, NbFragReceived = 100, MissingFrag = 0 }.ToArray();
            case AppLayerCommand.FragSessionDeleteReq when FragSessionDeleteReq.TryRead(bytes, v2, out FragSessionDeleteReq delete, out _):
                return new FragSessionDeleteAns(delete.FragIndex, false).ToArray();
            case AppLayerCommand.McGroupDeleteReq when McGroupDeleteReq.TryRead(bytes, v2, out McGroupDeleteReq group, out _):
                return new McGroupDeleteAns(group.McGroupId, false).ToArray();
            case AppLayerCommand.ForceDeviceResyncCmd:
                return new ClockSync.AppTimeReq((uint)GpsTime.FromDateTimeOffset(now), 1, true).ToArray();
            default:
                return null;
        }
    }

    private static List<(string, DateTimeOffset)> Script()
    {
        FuotaCampaign campaign = Create();
        var snapshots = new List<(string, DateTimeOffset)>();
        DateTimeOffset now = Start;
        CampaignStep step = campaign.Advance(now);
        for (int round = 0; round < 400 && !campaign.IsCompleted; round++)
        {
            var pending = new List<CampaignStep> { step };
            while (pending.Count > 0)
            {
                CampaignStep current = pending[^1];
                pending.RemoveAt(pending.Count - 1);
                foreach (CampaignAction action in current.Actions)
                {
                    pending.Add(campaign.HandleOutcome(new ActionOutcome(action.Id, true), now));
                    if (action is UnicastDownlink downlink)
                    {
                        foreach ((byte port, byte[] payload) in Answers(downlink, now))
                        {
                            pending.Add(campaign.HandleUplink(new DeviceUplink(downlink.DevEui, port, payload, now), now));
                        }
                    }
                }
            }

            if (round % 5 == 0)
            {
                snapshots.Add((campaign.SaveSnapshot(), now));
            }

            DateTimeOffset next = campaign.Advance(now).NextWakeUp ?? now + TimeSpan.FromMinutes(1);
            now = next > now ? next : now + TimeSpan.FromSeconds(1);
            step = campaign.Advance(now);
        }

        snapshots.Add((campaign.SaveSnapshot(), now));
        return snapshots;
    }

    private static byte[] Bytes(int size)
    {
        byte[] image = new byte[size];
        new Random(42).NextBytes(image);
        return image;
    }

    private static DeviceKeyStore CreateKeys()
    {
        var keys = new DeviceKeyStore();
        Span<byte> key = stackalloc byte[16];
        foreach (DevEui eui in Devices)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, eui.Value);
            keys.Add(eui, RootKeyKind.GenAppKey, Key128.Create(key));
        }

        return keys;
    }
}

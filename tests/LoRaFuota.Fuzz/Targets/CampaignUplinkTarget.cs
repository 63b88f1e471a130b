using LoRaFuota.Campaigns;
using LoRaFuota.Fuzz.Driver;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// Uplinks from the radio into a running campaign. Byte 0 picks a snapshot of the scripted run to start from; then
/// records of <c>device, port, seconds, length, payload</c> are fed as uplinks (ports 200–203 or any other), with an
/// advance of the clock between them. Nothing an uplink carries may make the campaign throw, and its state must still
/// save and restore.
/// </summary>
internal sealed class CampaignUplinkTarget : IFuzzTarget
{
    private static readonly byte[] s_ports = [200, 201, 202, 203];

    public string Name => "campaign-uplinks";

    public IReadOnlyList<byte[]> Seeds { get; } = CreateSeeds();

    public int Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            return 0;
        }

        (string snapshot, DateTimeOffset now) = FuzzCampaign.Snapshots[input[0] % FuzzCampaign.Snapshots.Count];
        FuotaCampaign campaign = FuotaCampaign.Restore(snapshot, FuzzCampaign.Image, FuzzCampaign.Keys);
        int events = 0;
        int at = 1;
        while (at + 4 <= input.Length)
        {
            DevEui eui = (input[at] & 0x80) != 0 ? new DevEui(input[at]) : FuzzCampaign.Devices[input[at] % FuzzCampaign.Devices.Length];
            byte port = (input[at + 1] & 0x80) != 0 ? input[at + 1] : s_ports[input[at + 1] % s_ports.Length];
            now += TimeSpan.FromSeconds(input[at + 2] * (input[at + 2] > 200 ? 600 : 1));
            int length = Math.Min(input[at + 3] % 64, input.Length - at - 4);
            byte[] payload = input.Slice(at + 4, length).ToArray();
            at += 4 + length;

            CampaignStep step = campaign.HandleUplink(new DeviceUplink(eui, port, payload, now), now);
            events += step.Events.Count;
            foreach (CampaignAction action in step.Actions)
            {
                campaign.HandleOutcome(new ActionOutcome(action.Id, (payload.Length & 1) == 0, "fuzz"), now);
            }

            events += campaign.Advance(now).Events.Count;
        }

        FuotaCampaign.Restore(campaign.SaveSnapshot(), FuzzCampaign.Image, FuzzCampaign.Keys);
        return HashCode.Combine(input[0] % FuzzCampaign.Snapshots.Count, Math.Min(events, 16), campaign.IsCompleted);
    }

    private static List<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        byte[][] answers =
        [
            [0x00, 0x03, 0x02],             // PackageVersionAns TS004 v2 (port 201)
            [0x02, 0x00],                   // McGroupSetupAns / FragSessionSetupAns
            [0x04, 0x00, 0x10, 0x00, 0x00], // McClassCSessionAns, 16 s to go
            [0x01, 0x00, 0x10, 0x00, 0x00], // FragSessionStatusAns v2
            [0x01, 0x00, 0x02, 0x00, 0x00, 0x1F], // AppTimeReq
            [0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00], // DevVersionAns
        ];
        for (int snapshot = 0; snapshot < 8; snapshot++)
        {
            var seed = new List<byte> { (byte)(snapshot * 3) };
            for (int i = 0; i < answers.Length; i++)
            {
                seed.AddRange([(byte)i, (byte)(i % 4), 5, (byte)answers[i].Length]);
                seed.AddRange(answers[i]);
            }

            seeds.Add([.. seed]);
        }

        return seeds;
    }
}

using System.Text;
using LoRaFuota.Campaigns;
using LoRaFuota.Fuzz.Driver;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// Campaign snapshots, as a store could hand them back after a crash or tampering: any text either restores or is an
/// <see cref="ArgumentException"/>. A campaign that restores must then run (advance, take an answer, save and restore
/// again) without throwing.
/// </summary>
internal sealed class SnapshotTarget : IFuzzTarget
{
    public string Name => "snapshot";

    public IReadOnlyList<byte[]> Seeds { get; } = [.. FuzzCampaign.Snapshots.Select(s => Encoding.UTF8.GetBytes(s.Snapshot))];

    public int Execute(ReadOnlySpan<byte> input)
    {
        FuotaCampaign campaign;
        try
        {
            campaign = FuotaCampaign.Restore(Encoding.UTF8.GetString(input), FuzzCampaign.Image, FuzzCampaign.Keys);
        }
        catch (ArgumentException ex)
        {
            FuzzFinding.Check(ex.Message.Length > 0, "a rejected snapshot says why");
            return HashCode.Combine(1, Where(ex.Message));
        }

        DateTimeOffset now = FuzzCampaign.Snapshots[^1].At + TimeSpan.FromHours(1);
        CampaignStep step = campaign.Advance(now);
        foreach (CampaignAction action in step.Actions)
        {
            campaign.HandleOutcome(new ActionOutcome(action.Id, input.Length % 2 == 0), now);
        }

        foreach (DevEui eui in FuzzCampaign.Devices)
        {
            campaign.HandleUplink(new DeviceUplink(eui, 201, new byte[] { 0x00, 0x03, 0x02 }, now), now);
        }

        campaign.Advance(now + TimeSpan.FromDays(2));
        string again = campaign.SaveSnapshot();
        FuotaCampaign.Restore(again, FuzzCampaign.Image, FuzzCampaign.Keys);
        return HashCode.Combine(2, campaign.IsCompleted, campaign.GetDevices().Count(d => d.State == OtaState.Failed), Restored++ % 1);
    }

    /// <summary>Gets how many mutated snapshots restored (and then ran) so far.</summary>
    public static int Restored { get; private set; }

    // A coarse reason: malformed JSON is one feature, each other rejection its own (the messages carry no positions).
    private static string Where(string message) =>
        message.Contains("not valid campaign JSON", StringComparison.Ordinal) ? "json" : message.Length > 40 ? message[..40] : message;

}

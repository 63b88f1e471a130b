using LoRaFuota.Campaigns;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Durability;

/// <summary>Turns the campaign's device list into what changed since the last save: new states and new history entries.</summary>
internal sealed class ProgressTracker
{
    private readonly Dictionary<DevEui, int> _historySaved = [];

    /// <summary>Starts from what the store already holds (a resumed campaign's history is not written twice).</summary>
    public ProgressTracker(IEnumerable<DeviceHistoryEntry> saved)
    {
        foreach (DeviceHistoryEntry entry in saved)
        {
            _historySaved[entry.DevEui] = _historySaved.GetValueOrDefault(entry.DevEui) + 1;
        }
    }

    /// <summary>What to save after a step; marks it saved (call again only after the save succeeded, or start over).</summary>
    public CampaignProgress Next(FuotaCampaign campaign, string snapshot)
    {
        var progress = new CampaignProgress
        {
            Snapshot = snapshot,
            State = !campaign.IsCompleted ? CampaignState.Running : campaign.IsCancelled ? CampaignState.Cancelled : CampaignState.Completed,
        };
        foreach (DeviceStatus device in campaign.GetDevices())
        {
            int saved = _historySaved.GetValueOrDefault(device.DevEui);
            if (device.History.Count <= saved)
            {
                continue;
            }

            foreach (StateChange change in device.History.Skip(saved))
            {
                progress.History.Add(new DeviceHistoryEntry(device.DevEui, change.State, change.Reason, change.At));
            }

            progress.Devices.Add(new DeviceRecord
            {
                DevEui = device.DevEui,
                State = device.State,
                FailureReason = device.FailureReason,
                FirmwareVersion = device.ReportedFirmwareVersion,
                FragmentsReceived = device.FragmentsReceived,
                UpdatedAt = device.History[^1].At,
            });
            _historySaved[device.DevEui] = device.History.Count;
        }

        return progress;
    }
}

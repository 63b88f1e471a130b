namespace LoRaFuota.Storage.Model;

/// <summary>What one step of a campaign changed, saved in one fenced transaction.</summary>
public sealed class CampaignProgress
{
    /// <summary>Gets or sets the snapshot after the step.</summary>
    public required string Snapshot { get; set; }

    /// <summary>Gets or sets the campaign's state after the step.</summary>
    public CampaignState State { get; set; }

    /// <summary>Gets the devices whose state changed, with their new state.</summary>
    public IList<DeviceRecord> Devices { get; } = [];

    /// <summary>Gets the history entries to append.</summary>
    public IList<DeviceHistoryEntry> History { get; } = [];
}

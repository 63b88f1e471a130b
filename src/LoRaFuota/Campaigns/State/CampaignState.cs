namespace LoRaFuota.Campaigns.State;

/// <summary>The whole state of a campaign: its settings, its groups and its devices. A snapshot is this, as JSON.</summary>
internal sealed class CampaignState
{
    /// <summary>The snapshot format this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public CampaignSettings Settings { get; set; } = new();

    public bool Started { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets the last time the campaign was given; it never goes back.</summary>
    public DateTimeOffset Now { get; set; }

    public bool Cancelled { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Gets or sets a value indicating whether the groups' sessions have been scheduled.</summary>
    public bool SessionsScheduled { get; set; }

    /// <summary>Gets or sets the index of the next device to contact (pacing); every device before it has been started.</summary>
    public int NextToStart { get; set; }

    public long NextActionId { get; set; } = 1;

    public List<CohortState> Cohorts { get; set; } = [];

    public List<DeviceState> Devices { get; set; } = [];
}

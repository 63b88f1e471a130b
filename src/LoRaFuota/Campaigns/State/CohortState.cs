namespace LoRaFuota.Campaigns.State;

/// <summary>One multicast group: the devices that run one TS004 version, their session and its transmissions.</summary>
internal sealed class CohortState
{
    public int Index { get; set; }

    public PackageVersion Fragmentation { get; set; }

    public Fragmentation.Coding.ParityVariant Variant { get; set; }

    public uint McAddr { get; set; }

    public Key128 McKey { get; set; }

    public CohortStage Stage { get; set; }

    public DateTimeOffset? SessionStart { get; set; }

    /// <summary>Gets or sets when the devices leave the session (start + the TimeOut code's length).</summary>
    public DateTimeOffset? WindowEnd { get; set; }

    public byte TimeoutCode { get; set; }

    /// <summary>Gets or sets the frame counter the next multicast downlink gets.</summary>
    public uint NextFCnt { get; set; }

    /// <summary>Gets or sets the next DataFragment N to multicast.</summary>
    public int NextFragment { get; set; } = 1;

    /// <summary>Gets or sets the last N the multicast may reach (M + coded fragments allowed so far).</summary>
    public int SendLimit { get; set; }

    /// <summary>Gets or sets the first N no transmission (multicast or unicast) has used yet.</summary>
    public int NextFreshN { get; set; }

    /// <summary>Gets or sets the earliest time of the next multicast transmission.</summary>
    public DateTimeOffset NextSlotFrom { get; set; }

    /// <summary>Gets or sets the multicast status polls sent.</summary>
    public int Polls { get; set; }

    /// <summary>Gets or sets when the answers to the last poll are in, while waiting for them.</summary>
    public DateTimeOffset? PollWaitUntil { get; set; }

    /// <summary>Gets or sets a value indicating whether the last poll asked every device to answer (participants = 1).</summary>
    public bool LastPollAll { get; set; }

    /// <summary>Gets or sets the answers to the last poll.</summary>
    public int PollAnswers { get; set; }

    /// <summary>Gets or sets the largest number of fragments a device said it still needs since the last poll.</summary>
    public int LargestDeficit { get; set; }

    /// <summary>Gets or sets a value indicating whether the next closed-loop poll asks every device (after a silent one).</summary>
    public bool NextPollAll { get; set; }

    /// <summary>Gets or sets a value indicating whether the multicast is over (everything planned sent, or the closed loop stopped).</summary>
    public bool Done { get; set; }

    public bool GroupCreated { get; set; }

    public bool GroupDeleted { get; set; }

    /// <summary>Gets or sets a value indicating whether the network server refused the group.</summary>
    public bool GroupFailed { get; set; }

    public long GroupActionId { get; set; }
}

namespace LoRaFuota.Campaigns.State;

/// <summary>Everything the campaign knows and has decided about one device. Serialized as is into snapshots.</summary>
internal sealed class DeviceState
{
    public DevEui DevEui { get; set; }

    /// <summary>Gets or sets the position in the campaign's device list (ties in time are broken by it).</summary>
    public int Index { get; set; }

    public TimeSpan UplinkInterval { get; set; }

    public byte ClockSyncPort { get; set; }

    public byte FragmentationPort { get; set; }

    public byte MulticastSetupPort { get; set; }

    /// <summary>Gets or sets the firmware version the device was declared to run at the start.</summary>
    public string? DeclaredFirmware { get; set; }

    /// <summary>Gets or sets the TS003 version: declared, negotiated, or null while unknown.</summary>
    public PackageVersion? ClockSyncVersion { get; set; }

    /// <summary>Gets or sets a value indicating whether the device did not answer for TS003 (it may still sync by DeviceTimeReq).</summary>
    public bool ClockSyncMissing { get; set; }

    public PackageVersion? FragmentationVersion { get; set; }

    public PackageVersion? MulticastSetupVersion { get; set; }

    public OtaState State { get; set; }

    public DeviceFailureReason Reason { get; set; }

    public List<StateChangeRecord> History { get; set; } = [];

    public DeviceStage Stage { get; set; }

    /// <summary>Gets or sets the index of the device's multicast group (cohort), or -1.</summary>
    public int Cohort { get; set; } = -1;

    public List<PendingRequest> Pending { get; set; } = [];

    public bool GroupAccepted { get; set; }

    public bool FragAccepted { get; set; }

    /// <summary>Gets or sets a value indicating whether a McGroupSetupReq went out (the device may hold the group).</summary>
    public bool GroupSetupSent { get; set; }

    /// <summary>Gets or sets a value indicating whether a FragSessionSetupReq went out (the device may hold the session).</summary>
    public bool FragSetupSent { get; set; }

    /// <summary>Gets or sets a value indicating whether a session request went out (the device may be listening).</summary>
    public bool SessionRequested { get; set; }

    /// <summary>Gets or sets a value indicating whether the device reported it has no fragmentation session before it had the block.</summary>
    public bool SessionLost { get; set; }

    /// <summary>Gets or sets a value indicating whether the device confirmed the multicast session.</summary>
    public bool SessionAccepted { get; set; }

    /// <summary>Gets or sets the session requests answered with a clock problem (each triggers one resync).</summary>
    public int ClockRetries { get; set; }

    /// <summary>Gets or sets the TS004 v2 SessionCnt to use (the next free one until setup, then the one used).</summary>
    public ushort SessionCnt { get; set; }

    /// <summary>Gets or sets a value indicating whether a v2 FragSessionSetupReq used <see cref="SessionCnt"/>.</summary>
    public bool SessionCntUsed { get; set; }

    /// <summary>Gets or sets the last clock error seen in an AppTimeReq, in seconds (server − device).</summary>
    public long? ClockOffset { get; set; }

    /// <summary>Gets or sets a value indicating whether the device holds the whole block (by its own report).</summary>
    public bool BlockComplete { get; set; }

    /// <summary>Gets or sets the last NbFragReceived the device reported.</summary>
    public int? NbFragReceived { get; set; }

    /// <summary>Gets or sets the last MissingFrag the device reported.</summary>
    public int? MissingFrag { get; set; }

    /// <summary>Gets or sets the unicast repair rounds sent.</summary>
    public int RepairRounds { get; set; }

    /// <summary>Gets or sets the NbFragReceived of the answer that started the current repair round, or null.</summary>
    public int? RoundReceived { get; set; }

    /// <summary>Gets or sets the MissingFrag of the answer that started the current repair round, or null.</summary>
    public int? RoundMissing { get; set; }

    /// <summary>Gets or sets the deficit the current repair round was sized for.</summary>
    public int RoundDeficit { get; set; }

    /// <summary>Gets or sets a value indicating whether the device answered the current round only with repeats of the answer that started it.</summary>
    public bool OnlyRepeats { get; set; }

    /// <summary>Gets or sets the coded fragments sent to this device by unicast.</summary>
    public int UnicastFragments { get; set; }

    /// <summary>Gets or sets the next unicast fragment number for unicast-only delivery (0 before it starts).</summary>
    public int NextUnicastN { get; set; }

    /// <summary>Gets or sets when the device is asked for its version if it has not reported it.</summary>
    public DateTimeOffset? InstallDeadline { get; set; }

    public string? ReportedVersion { get; set; }

    /// <summary>Gets or sets a value indicating whether the device's group and session are being deleted.</summary>
    public bool TearingDown { get; set; }
}

namespace LoRaFuota.Campaigns.State;

/// <summary>Where a multicast group (the devices of one TS004 version) is in its session.</summary>
internal enum CohortStage
{
    /// <summary>Devices are being set up.</summary>
    Forming = 0,

    /// <summary>Session time chosen, group created, session requests out.</summary>
    Scheduled,

    /// <summary>Between the session start and the last multicast downlink.</summary>
    Sending,

    /// <summary>Everything sent; waiting for the session window to close.</summary>
    Closing,

    /// <summary>The window closed and the network server's group was deleted.</summary>
    Closed,
}

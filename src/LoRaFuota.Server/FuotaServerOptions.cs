namespace LoRaFuota.Server;

/// <summary>The HTTP side's settings.</summary>
public sealed class FuotaServerOptions
{
    /// <summary>Gets the API keys the server accepts (in <c>X-API-Key</c>, <c>Authorization: Bearer</c> or the dashboard's cookie). Never logged. Without any, every request except <c>/health</c> is refused.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Gets or sets the network server's own multicast pacing that new campaigns must plan for (ChirpStack: 5 s), or null.</summary>
    public TimeSpan? ServerSpacing { get; set; }

    /// <summary>
    /// Gets or sets how many devices a new campaign contacts per minute when its request does not say, or null for all at
    /// once: the fleet-wide pacing that keeps a large fleet's setup traffic from flooding the network server.
    /// </summary>
    public int? DevicesPerMinute { get; set; }

    /// <summary>
    /// Gets or sets how long before its slot new campaigns hand a multicast frame to the network server, or null for at
    /// its slot: The Things Stack scheduling at the gateway's GPS time (<c>absolute_time</c>) refuses a time already
    /// past, so the frame must arrive ahead of it.
    /// </summary>
    public TimeSpan? DownlinkLeadTime { get; set; }

    /// <summary>Gets or sets the name the health endpoint reports for the store (<c>sqlite</c> or <c>postgres</c>).</summary>
    public string StoreName { get; set; } = "sqlite";

    /// <summary>Gets or sets how often a progress stream looks for a new revision of its campaign.</summary>
    /// <value>The default value is 500 ms (real time).</value>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

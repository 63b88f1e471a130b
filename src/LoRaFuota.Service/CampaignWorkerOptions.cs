namespace LoRaFuota.Service;

/// <summary>How a <see cref="CampaignWorker"/> claims and holds campaigns.</summary>
public sealed class CampaignWorkerOptions
{
    /// <summary>Gets or sets this instance's name in leases (the host name and process id by default).</summary>
    public string Owner { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// Gets or sets how long a lease lasts without renewal: how soon another instance takes over a dead one's campaign.
    /// On the worker's clock: on a clock run X times faster, give X times the real-time duration.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often the lease is renewed and a cancel request looked for (well inside <see cref="LeaseDuration"/>).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long to wait before looking for work again when there was none.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how many campaigns the worker runs at once (each under its own lease); more wait in the store for a free place here or another instance.</summary>
    /// <value>The default value is 64.</value>
    public int MaxConcurrentCampaigns { get; set; } = 64;

    /// <summary>
    /// Gets or sets how long an uplink of a device no campaign here runs is kept for the campaign claimed next (the
    /// answers that arrive while a campaign is between two holders), or null for twice <see cref="LeaseDuration"/>.
    /// On the worker's clock.
    /// </summary>
    public TimeSpan? UplinkRetention { get; set; }

    /// <summary>
    /// Gets or sets how long a step that sends nothing may wait to be saved (real time): such a step is saved with the
    /// next one that sends something, or after this long, so the API shows its changes. Steps with actions are always
    /// saved before the actions go out.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the runner's options (transport time-out, …); null for the defaults. On a faster clock, scale the time-outs with it.</summary>
    public Hosting.FuotaRunnerOptions? Runner { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Owner))
        {
            problems.Add("Owner is required.");
        }

        if (LeaseDuration <= TimeSpan.Zero || LeaseDuration > TimeSpan.FromDays(30))
        {
            problems.Add("LeaseDuration must be more than 0 and at most 30 days (of the worker's clock).");
        }

        if (RenewInterval <= TimeSpan.Zero || RenewInterval * 2 > LeaseDuration)
        {
            problems.Add("RenewInterval must be positive and at most half of LeaseDuration, so a renewal is never late.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add("PollInterval must be positive.");
        }

        if (SaveInterval < TimeSpan.Zero)
        {
            problems.Add("SaveInterval must not be negative.");
        }

        if (MaxConcurrentCampaigns is < 1 or > 10_000)
        {
            problems.Add("MaxConcurrentCampaigns must be 1 to 10000.");
        }

        if (UplinkRetention < TimeSpan.Zero)
        {
            problems.Add("UplinkRetention must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid campaign worker options: " + string.Join(" ", problems));
        }
    }
}

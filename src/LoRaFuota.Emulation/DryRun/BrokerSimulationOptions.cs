namespace LoRaFuota.Emulation.DryRun;

/// <summary>How a dry run reaches its MQTT broker and which network server it emulates there.</summary>
public sealed class BrokerSimulationOptions
{
    /// <summary>Gets or sets the network server the emulator plays and the engine's adapter speaks to.</summary>
    public NetworkServerDialect Dialect { get; set; }

    /// <summary>Gets or sets the broker's host.</summary>
    public string BrokerHost { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the broker's port.</summary>
    public int BrokerPort { get; set; } = 1883;

    /// <summary>Gets or sets the engine's MQTT user, or null (The Things Stack: the application uid, <c>fuota-app@tenant1</c>).</summary>
    public string? EngineUsername { get; set; }

    /// <summary>Gets or sets the engine's MQTT password, or null (The Things Stack: the emulated API key). Never logged.</summary>
    public string? EnginePassword { get; set; }

    /// <summary>Gets or sets the emulator's MQTT user (it needs rights on the server's topics), or null for anonymous.</summary>
    public string? EmulatorUsername { get; set; }

    /// <summary>Gets or sets the emulator's MQTT password.</summary>
    public string? EmulatorPassword { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the gateway is GPS-synchronised. The Things Stack: frames are handed over
    /// at once with <c>absolute_time</c>; otherwise the engine holds each until its slot.
    /// </summary>
    public bool GpsGateway { get; set; } = true;

    /// <summary>Gets or sets the longest the run may take in real time before it gives up with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan RealTimeLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        BrokerChecks.Add(problems, Dialect, BrokerHost, BrokerPort);

        if (RealTimeLimit <= TimeSpan.Zero)
        {
            problems.Add("RealTimeLimit must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid broker simulation options: " + string.Join(" ", problems));
        }
    }
}

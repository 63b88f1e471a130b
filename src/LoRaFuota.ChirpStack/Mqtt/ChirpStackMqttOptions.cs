namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>How the engine reaches ChirpStack's MQTT integration.</summary>
public sealed class ChirpStackMqttOptions
{
    /// <summary>Gets or sets the broker's host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the broker's port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the ChirpStack application's id (UUID), or <c>+</c> for every application the broker lets us read.</summary>
    public string ApplicationId { get; set; } = "+";

    /// <summary>Gets or sets the MQTT client id; one per engine instance (the broker keeps its session).</summary>
    public string ClientId { get; set; } = "lorafuota-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Gets or sets the user name, if the broker wants one.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password. It is never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets a shared-subscription group, so several subscribers split the events (each event reaches one of
    /// them), or null (the default) for a plain subscription: every subscriber sees every event. The LoRaFuota service's
    /// instances need a plain one each: an instance acts on the uplinks of the campaigns it holds, whichever they are.
    /// </summary>
    public string? ShareName { get; set; }

    /// <summary>Gets or sets how the integration encodes events and commands.</summary>
    public ChirpStackEncoding Encoding { get; set; }

    /// <summary>Gets or sets how long the broker keeps the session (and QoS 1 messages) while the engine is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the first wait before a reconnect; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the longest wait between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many recent deduplication ids are remembered to drop QoS 1 redeliveries.</summary>
    public int DeduplicationWindow { get; set; } = 4096;

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("Host is required.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add("Port must be 1 to 65535.");
        }

        if (string.IsNullOrWhiteSpace(ApplicationId) || ApplicationId.Contains('/', StringComparison.Ordinal) || ApplicationId.Contains('#', StringComparison.Ordinal))
        {
            problems.Add("ApplicationId must be the application's UUID or '+'.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("ClientId is required.");
        }

        if (ShareName is not null && (ShareName.Length == 0 || ShareName.IndexOfAny(['/', '+', '#']) >= 0))
        {
            problems.Add("ShareName must be a plain name (no '/', '+' or '#'), or null.");
        }

        if (!Enum.IsDefined(Encoding))
        {
            problems.Add("Encoding must be Json or Protobuf.");
        }

        if (SessionExpiry < TimeSpan.Zero || ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay || DeduplicationWindow < 1)
        {
            problems.Add("SessionExpiry must not be negative, ReconnectDelay must be positive and at most MaxReconnectDelay, DeduplicationWindow at least 1.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ChirpStack MQTT options: " + string.Join(" ", problems));
        }
    }
}

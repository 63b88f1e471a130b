namespace LoRaFuota.TheThingsStack.Mqtt;

/// <summary>How the engine reaches The Things Stack's MQTT server (MQTT 3.1.1, QoS 0).</summary>
public sealed class TtsMqttOptions
{
    /// <summary>Gets or sets the MQTT server's host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the port (1883; 8883 is TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the application id.</summary>
    public string ApplicationId { get; set; } = "";

    /// <summary>Gets or sets the tenant id (The Things Stack Cloud and Enterprise; <c>ttn</c> on The Things Network), or null for the open-source edition.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the API key used as the password; it needs the application traffic read and downlink write rights. It is never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Gets or sets the MQTT client id.</summary>
    public string ClientId { get; set; } = "lorafuota-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Gets or sets the first wait before a reconnect; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the longest wait between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how many recent uplink ids are remembered to drop a repeated uplink.</summary>
    public int DeduplicationWindow { get; set; } = 4096;

    /// <summary>Gets the MQTT user name: <c>{application id}@{tenant id}</c>, or the application id alone without a tenant.</summary>
    public string Username => TtsTopics.ApplicationUid(ApplicationId, TenantId);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
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

        if (!TtsTopics.IsIdentifier(ApplicationId))
        {
            problems.Add("ApplicationId must be the application's id (lower-case letters, digits and dashes).");
        }

        if (TenantId is not null && !TtsTopics.IsIdentifier(TenantId))
        {
            problems.Add("TenantId must be the tenant's id (lower-case letters, digits and dashes), or null for the open-source edition.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add("ApiKey is required: create one for the application with traffic read and downlink write rights.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("ClientId is required.");
        }

        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay || DeduplicationWindow < 1)
        {
            problems.Add("ReconnectDelay must be positive and at most MaxReconnectDelay, DeduplicationWindow at least 1.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid The Things Stack MQTT options: " + string.Join(" ", problems));
        }
    }
}

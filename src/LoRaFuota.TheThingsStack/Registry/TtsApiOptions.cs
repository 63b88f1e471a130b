namespace LoRaFuota.TheThingsStack.Registry;

/// <summary>How the engine reaches The Things Stack's HTTP API to create and delete multicast pseudo-devices.</summary>
public sealed class TtsApiOptions
{
    /// <summary>Gets or sets the API's base address, ending in <c>/api/v3/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the API key (sent as a bearer token); it needs the rights to write the application's devices. It is never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Gets or sets the application id.</summary>
    public string ApplicationId { get; set; } = "";

    /// <summary>Gets or sets the frequency plan of the pseudo-devices (for example <c>EU_863_870_TTN</c>).</summary>
    public string FrequencyPlanId { get; set; } = "";

    /// <summary>Gets or sets the pseudo-devices' LoRaWAN MAC version (<c>MAC_V1_0_3</c>...).</summary>
    public string LorawanVersion { get; set; } = "MAC_V1_0_3";

    /// <summary>Gets or sets the pseudo-devices' regional-parameters version (<c>PHY_V1_0_3_REV_A</c>...).</summary>
    public string LorawanPhyVersion { get; set; } = "PHY_V1_0_3_REV_A";

    /// <summary>Gets or sets the Network and Application Server address written into the registry entry; null for the API's host.</summary>
    public string? ServerAddress { get; set; }

    /// <summary>Gets or sets how long one call may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is not { IsAbsoluteUri: true } || !BaseAddress.AbsolutePath.EndsWith('/'))
        {
            problems.Add("BaseAddress must be an absolute URI ending in '/', such as https://eu1.cloud.example/api/v3/.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add("ApiKey is required.");
        }

        if (!Mqtt.TtsTopics.IsIdentifier(ApplicationId))
        {
            problems.Add("ApplicationId must be the application's id.");
        }

        if (string.IsNullOrWhiteSpace(FrequencyPlanId))
        {
            problems.Add("FrequencyPlanId is required (for example EU_863_870_TTN).");
        }

        if (!LorawanVersion.StartsWith("MAC_V", StringComparison.Ordinal) || !LorawanPhyVersion.StartsWith("PHY_V", StringComparison.Ordinal))
        {
            problems.Add("LorawanVersion must be a MACVersion name (MAC_V1_0_3) and LorawanPhyVersion a PHYVersion name (PHY_V1_0_3_REV_A).");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add("Timeout must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid The Things Stack API options: " + string.Join(" ", problems));
        }
    }
}

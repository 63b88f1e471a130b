using LoRaFuota.Emulation.DryRun;

namespace LoRaFuota.Emulation.Standalone;

/// <summary>Where a standalone emulated network server meets its broker and serves its API.</summary>
public sealed class EmulatorHostOptions
{
    /// <summary>Gets or sets the network server to emulate.</summary>
    public NetworkServerDialect Dialect { get; set; }

    /// <summary>Gets or sets the broker's host.</summary>
    public string BrokerHost { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the broker's port.</summary>
    public int BrokerPort { get; set; } = 1883;

    /// <summary>Gets or sets the MQTT user the emulator connects as (it publishes the server's events), or null for anonymous.</summary>
    public string? BrokerUsername { get; set; }

    /// <summary>Gets or sets the password for <see cref="BrokerUsername"/>. Never logged.</summary>
    public string? BrokerPassword { get; set; }

    /// <summary>
    /// Gets or sets where the API listens: ChirpStack's gRPC (HTTP/2 without TLS) or The Things Stack's HTTP registry
    /// API; port 0 picks a free port (read <see cref="EmulatorHost.ApiAddress"/>). The default is ChirpStack's
    /// <c>http://127.0.0.1:8080</c> or The Things Stack's <c>http://127.0.0.1:1885</c>.
    /// </summary>
    public Uri? ApiAddress { get; set; }

    /// <summary>Gets or sets the token (ChirpStack) or API key (The Things Stack) the API accepts, or null for the emulator's default. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a value indicating whether the emulated TTS gateway has GPS (frames may carry <c>absolute_time</c>).</summary>
    public bool GpsGateway { get; set; } = true;

    /// <summary>Gets the API address to listen on.</summary>
    internal Uri EffectiveApiAddress => ApiAddress ?? new Uri(Dialect == NetworkServerDialect.ChirpStack ? "http://127.0.0.1:8080" : "http://127.0.0.1:1885");

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        BrokerChecks.Add(problems, Dialect, BrokerHost, BrokerPort);

        if (ApiAddress is { } api && (!api.IsAbsoluteUri || api.Scheme != Uri.UriSchemeHttp || api.AbsolutePath != "/"))
        {
            problems.Add($"ApiAddress '{api}' must be http://host:port (no path; the emulated API has no TLS).");
        }

        if (ApiKey is { Length: 0 })
        {
            problems.Add("ApiKey must not be empty (null keeps the emulator's default).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid emulator options: " + string.Join(" ", problems));
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LoRaFuota.Cli.Serve;

/// <summary>
/// What <c>lorafuota serve</c> runs with, from (last wins) a JSON file (<c>--config</c>), <c>LORAFUOTA_</c> environment
/// variables (<c>LORAFUOTA_Db</c>, <c>LORAFUOTA_ApiKeys__0</c>, <c>LORAFUOTA_ChirpStack__ApiToken</c> …) and the command line.
/// </summary>
internal sealed class ServeSettings
{
    public required string Db { get; init; }

    public required string NetworkServer { get; init; }

    public string? Fleet { get; init; }

    public int Devices { get; init; }

    public required string Region { get; init; }

    public long Seed { get; init; }

    public double TimeScale { get; init; }

    public required string Urls { get; init; }

    public required IReadOnlyList<string> ApiKeys { get; init; }

    public string? Keys { get; init; }

    public DateTimeOffset? TimeOrigin { get; init; }

    public Uri? OtlpEndpoint { get; init; }

    public int OtlpIntervalMilliseconds { get; init; }

    public string? PackagePublicKey { get; init; }

    public string? Owner { get; init; }

    public TimeSpan LeaseDuration { get; init; }

    public int? DevicesPerMinute { get; init; }

    public int MaxCampaigns { get; init; }

    public required IConfiguration Configuration { get; init; }

    public static ServeSettings Read(IConfiguration configuration)
    {
        string Text(string key, string fallback) => configuration[key] is { Length: > 0 } value ? value : fallback;
        double Number(string key, double fallback) =>
            configuration[key] is not { Length: > 0 } value ? fallback
            : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed
            : throw new CliUsageException($"{key} '{value}' is not a number.");

        var keys = configuration.GetSection("ApiKeys").GetChildren().Select(c => c.Value).OfType<string>().Where(k => k.Length > 0).ToList();
        if (configuration["ApiKey"] is { Length: > 0 } single)
        {
            keys.Add(single);
        }

        return new ServeSettings
        {
            Db = Text("Db", "sqlite:lorafuota.db"),
            NetworkServer = Text("NetworkServer", "emulator"),
            Fleet = configuration["Fleet"],
            Devices = (int)Number("Devices", 10),
            Region = Text("Region", "EU868"),
            Seed = (long)Number("Seed", 1),
            TimeScale = Number("TimeScale", 1),
            Urls = Text("Urls", "http://127.0.0.1:5080"),
            ApiKeys = keys,
            Keys = configuration["Keys"],
            OtlpEndpoint = configuration["Otlp:Endpoint"] is not { Length: > 0 } otlp ? null
                : Uri.TryCreate(otlp, UriKind.Absolute, out Uri? endpoint) ? endpoint
                : throw new CliUsageException($"Otlp:Endpoint '{otlp}' is not an absolute URL."),
            TimeOrigin = configuration["TimeOrigin"] is not { Length: > 0 } origin ? null
                : DateTimeOffset.TryParse(origin, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at
                : throw new CliUsageException($"TimeOrigin '{origin}' is not an ISO 8601 time."),
            PackagePublicKey = configuration["PackagePublicKey"],
            Owner = configuration["Owner"],
            LeaseDuration = TimeSpan.FromSeconds(Number("LeaseSeconds", 30)),
            MaxCampaigns = Number("MaxCampaigns", 64) is double most && most >= 1 && most <= 10_000 && most == Math.Floor(most) ? (int)most
                : throw new CliUsageException("MaxCampaigns must be a whole number from 1 to 10000."),
            DevicesPerMinute = configuration["DevicesPerMinute"] is not { Length: > 0 } ? null
                : Number("DevicesPerMinute", 0) is double perMinute && perMinute >= 1 && perMinute <= 1_000_000 && perMinute == Math.Floor(perMinute) ? (int)perMinute
                : throw new CliUsageException("DevicesPerMinute must be a whole number from 1 to 1000000."),
            OtlpIntervalMilliseconds = Number("Otlp:IntervalSeconds", 60) is double seconds && seconds >= 0.1 && seconds <= 3600 ? (int)(seconds * 1000) : throw new CliUsageException("Otlp:IntervalSeconds must be 0.1 to 3600."),
            Configuration = configuration,
        };
    }
}

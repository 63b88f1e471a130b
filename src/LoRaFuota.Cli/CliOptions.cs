using System.CommandLine;
using System.Globalization;
using LoRaFuota.Cli.Json;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Cli;

/// <summary>Options shared by several commands, with their parsing and one-line errors.</summary>
internal static class CliOptions
{
    public static Option<int> Port() => Choice<int>("--port", "The FPort: 200 (TS005), 201 (TS004) or 202 (TS003).", "200", "201", "202");

    public static Option<int> Version() => Choice<int>("--version", "The package version the device speaks: 1 or 2.", "1", "2");

    public static Option<string> Direction() => Choice<string>("--direction", "The frame direction: up (device to server) or down.", "up", "down");

    public static Option<T> Choice<T>(string name, string description, params string[] values)
    {
        var option = new Option<T>(name) { Description = description, Required = true };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    public static Option<string> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    public static PackageVersion ToVersion(int version) => version == 2 ? PackageVersion.V2 : PackageVersion.V1;

    public static LinkDirection ToDirection(string direction) => direction == "up" ? LinkDirection.Uplink : LinkDirection.Downlink;

    public static Key128 ParseKey(string? hex, string option) =>
        Key128.TryParse(hex, out Key128 key) ? key : throw new CliUsageException($"{option} must be 32 hex digits.");

    public static uint ParseAddress(string? hex, string option) =>
        HexText.TryParseAddress(hex, out uint address) ? address : throw new CliUsageException($"{option} must be 8 hex digits.");

    public static Option<string> Region() => Text("--region", "EU868, US915, AU915, AS923-1…4, IN865, KR920, CN470 or RU864.", required: true);

    public static Option<string> Class() => Choice<string>("--class", "The multicast class: C or B.", "C", "B", "c", "b");

    public static Option<string> Loss(string description) => Text("--loss", description);

    public static RegionalParameters ParseRegion(string? name) =>
        RegionalParameters.TryParse(name ?? string.Empty, out RegionalParameters? parameters)
            ? parameters!
            : throw new CliUsageException($"Unknown region \"{name}\"; use EU868, US915, AU915, AS923-1…4, IN865, KR920, CN470 or RU864.");

    public static MulticastClass ParseClass(string? text) =>
        string.Equals(text, "B", StringComparison.OrdinalIgnoreCase) ? MulticastClass.ClassB : MulticastClass.ClassC;

    public static byte? ParsePeriodicity(int? periodicity) =>
        periodicity is int p ? (p is >= 0 and <= 7 ? (byte)p : throw new CliUsageException("--periodicity must be 0 to 7.")) : null;

    /// <summary>A loss rate written as a fraction (0.05) or a percentage (5%).</summary>
    public static double ParseLoss(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        bool percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new CliUsageException("--loss must be a fraction (0.05) or a percentage (5%).");
        }

        value = percent ? value / 100 : value;
        return value is >= 0 and < 1 ? value : throw new CliUsageException("--loss must be at least 0 and below 1 (100%); write a percentage with a % sign.");
    }
}

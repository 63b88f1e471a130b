using System.CommandLine;
using LoRaFuota.Cli.Json;

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
}

using System.Text.Json;

namespace LoRaFuota.Tests.TestUtilities;

/// <summary>The shared vector files, copied into TestData so a fresh clone tests without ../shared.</summary>
internal static class SpecVectors
{
    private static readonly Lazy<JsonElement> s_commands = new(() => Load("commands.json"));
    private static readonly Lazy<JsonElement> s_fragmentation = new(() => Load("fragmentation.json"));

    public static JsonElement Commands => s_commands.Value;

    public static JsonElement Fragmentation => s_fragmentation.Value;

    public static IEnumerable<JsonElement> CommandEntries(Func<JsonElement, bool> filter) =>
        Commands.EnumerateArray().Where(filter);

    public static bool IsCodecEntry(JsonElement entry) => !entry.TryGetProperty("kind", out _);

    public static AppLayerPackage Package(JsonElement entry) => entry.GetProperty("package").GetString() switch
    {
        "TS003" => AppLayerPackage.ClockSync,
        "TS004" => AppLayerPackage.Fragmentation,
        "TS005" => AppLayerPackage.MulticastSetup,
        var other => throw new InvalidDataException($"unknown package {other}"),
    };

    public static PackageVersion Version(JsonElement entry) =>
        entry.GetProperty("version").GetString()!.StartsWith('2') ? PackageVersion.V2 : PackageVersion.V1;

    public static LinkDirection Direction(JsonElement entry) =>
        entry.GetProperty("direction").GetString() == "uplink" ? LinkDirection.Uplink : LinkDirection.Downlink;

    private static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", name);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}

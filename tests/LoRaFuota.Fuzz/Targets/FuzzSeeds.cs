using System.Text.Json;
using LoRaFuota.Payloads;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>Seed inputs shared by the targets: every command vector, and the selector byte convention.</summary>
internal static class FuzzSeeds
{
    private static readonly Lazy<JsonElement[]> s_vectors = new(LoadVectors);

    /// <summary>Selector byte + FRMPayload for every single- and multi-command vector.</summary>
    public static IReadOnlyList<byte[]> Frames { get; } = [.. Vectors().Select(v => (byte[])[Selector(v.Package, v.Version, v.Direction), .. v.Bytes])];

    /// <summary>Selector byte + the vector's fields as a JSON command object.</summary>
    public static IReadOnlyList<byte[]> CommandJson { get; } = [.. Vectors().Where(v => v.Json is not null)
        .Select(v => (byte[])[Selector(v.Package, v.Version, v.Direction), .. System.Text.Encoding.UTF8.GetBytes(v.Json!)])];

    /// <summary>Byte → (package, version, direction): bits 0–1 package (3 wraps to 0), bit 2 version, bit 3 direction.</summary>
    public static (AppLayerPackage Package, PackageVersion Version, LinkDirection Direction) Selector(byte b) =>
        ((b & 3) switch { 0 => AppLayerPackage.MulticastSetup, 1 => AppLayerPackage.Fragmentation, 2 => AppLayerPackage.ClockSync, _ => AppLayerPackage.MulticastSetup },
         (b & 4) != 0 ? PackageVersion.V2 : PackageVersion.V1,
         (b & 8) != 0 ? LinkDirection.Uplink : LinkDirection.Downlink);

    public static byte Selector(AppLayerPackage package, PackageVersion version, LinkDirection direction) =>
        (byte)((package switch { AppLayerPackage.Fragmentation => 1, AppLayerPackage.ClockSync => 2, _ => 0 })
            | (version == PackageVersion.V2 ? 4 : 0) | (direction == LinkDirection.Uplink ? 8 : 0));

    private static IEnumerable<(AppLayerPackage Package, PackageVersion Version, LinkDirection Direction, byte[] Bytes, string? Json)> Vectors()
    {
        foreach (JsonElement entry in s_vectors.Value)
        {
            if (entry.TryGetProperty("kind", out JsonElement kind) && kind.GetString() != "multi_command")
            {
                continue;
            }

            AppLayerPackage package = entry.GetProperty("package").GetString() switch
            {
                "TS003" => AppLayerPackage.ClockSync,
                "TS004" => AppLayerPackage.Fragmentation,
                _ => AppLayerPackage.MulticastSetup,
            };
            PackageVersion version = entry.GetProperty("version").GetString()!.StartsWith('2') ? PackageVersion.V2 : PackageVersion.V1;
            LinkDirection direction = entry.GetProperty("direction").GetString() == "uplink" ? LinkDirection.Uplink : LinkDirection.Downlink;
            JsonElement fields = entry.GetProperty("fields");
            string? json = fields.TryGetProperty("commands", out _) ? null : WithCommand(fields, entry.GetProperty("command").GetString()!);
            yield return (package, version, direction, Convert.FromHexString(entry.GetProperty("bytes_hex").GetString()!), json);
        }
    }

    private static string WithCommand(JsonElement fields, string name)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(fields.GetRawText())!.AsObject();
        node["command"] = name;
        return node.ToJsonString();
    }

    private static JsonElement[] LoadVectors()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "commands.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}

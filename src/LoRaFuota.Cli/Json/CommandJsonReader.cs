using System.Text.Json;
using LoRaFuota.Cli.Json.Fields;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>
/// Encodes command objects in the vector-file JSON shape back to bytes (the inverse of <see cref="CommandJsonWriter"/>).
/// Strict: an unknown or repeated field, a missing required field or a value out of range is a usage error that
/// names the field.
/// </summary>
internal static class CommandJsonReader
{
    /// <summary>Encodes one object or an array of objects (one FRMPayload) to bytes.</summary>
    public static byte[] Encode(JsonElement root, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        Span<byte> buffer = stackalloc byte[CommandJson.MaxCommandBytes];
        if (root.ValueKind != JsonValueKind.Array)
        {
            return buffer[..EncodeOne(root, package, version, direction, buffer)].ToArray();
        }

        var output = new List<byte>();
        foreach (JsonElement item in root.EnumerateArray())
        {
            output.AddRange(buffer[..EncodeOne(item, package, version, direction, buffer)]);
        }

        return [.. output];
    }

    private static int EncodeOne(JsonElement element, AppLayerPackage package, PackageVersion version, LinkDirection direction, Span<byte> buffer)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException("Each command must be a JSON object with a \"command\" name.");
        }

        JsonElement nameElement = JsonObjectFields.Required(element, CommandJson.CommandField, "a command object");
        string name = nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : throw new CliUsageException("\"command\" must be a string.");
        ICommandJsonMap map = CommandJsonMaps.Find(name) ?? throw new CliUsageException($"Unknown command {CommandJson.Quote(name)}.");
        AppLayerCommand command = map.Command;

        AppLayerCommand expected = AppLayerCommandTable.Identify(package, version, direction, map.Cid);
        if (!SameCommand(expected, command))
        {
            throw new CliUsageException(
                $"{name} is not a {(direction == LinkDirection.Uplink ? "uplink" : "downlink")} command of port {(int)package} version {(int)version}.");
        }

        return map.Encode(element, version, buffer);
    }

    // TS003 renamed CID 0x03 between versions; either name encodes the same bytes.
    private static bool SameCommand(AppLayerCommand expected, AppLayerCommand given) =>
        expected == given
        || (expected is AppLayerCommand.ForceDeviceResyncReq or AppLayerCommand.ForceDeviceResyncCmd
            && given is AppLayerCommand.ForceDeviceResyncReq or AppLayerCommand.ForceDeviceResyncCmd);
}

using System.Text.Json;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>
/// Writes one decoded command as a JSON object with the field names and representations of the shared vector file
/// (snake_case, <c>*_hex</c> in wire order, <c>mc_addr</c> as 8 hex digits most significant first, absent = null).
/// The fields come from <see cref="CommandJsonMaps"/>, the table <see cref="CommandJsonReader"/> reads with.
/// </summary>
internal static class CommandJsonWriter
{
    public static void Write(Utf8JsonWriter writer, AppLayerCommand command, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        ICommandJsonMap map = CommandJsonMaps.Find(command) ?? throw new InvalidOperationException($"No JSON mapping for {command}.");
        writer.WriteStartObject();
        writer.WriteString(CommandJson.CommandField, command.ToString());
        map.WriteFields(writer, bytes, version);
        writer.WriteEndObject();
    }
}

using System.Text.Json;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>How one command is written to and read from its JSON object.</summary>
internal interface ICommandJsonMap
{
    AppLayerCommand Command { get; }

    /// <summary>The command identifier, which says with the port, version and direction whether the command fits.</summary>
    byte Cid { get; }

    /// <summary>The field names of the command in <paramref name="version"/>, in the order they are written.</summary>
    IReadOnlyList<string> FieldNames(PackageVersion version);

    /// <summary>Writes the fields of the command in <paramref name="bytes"/> (which the payload reader has accepted).</summary>
    void WriteFields(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, PackageVersion version);

    /// <summary>Encodes the command object into <paramref name="destination"/>; returns the bytes written.</summary>
    int Encode(JsonElement element, PackageVersion version, Span<byte> destination);
}

using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>
/// A 4-byte value as 8 hex digits: in wire order for <c>*_hex</c> fields (descriptor, MIC), or most significant digit
/// first for addresses (<c>mc_addr</c>), as the vector files write them.
/// </summary>
internal sealed class WordField(string name, bool wireOrder) : JsonField<long>(name)
{
    public override void Write(Utf8JsonWriter writer, long value) =>
        writer.WriteString(Name, wireOrder ? HexText.FromUInt32Wire((uint)value) : HexText.FromAddress((uint)value));

    public override long Read(JsonElement value)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        bool parsed = wireOrder ? HexText.TryParseUInt32Wire(text, out uint word) : HexText.TryParseAddress(text, out word);
        return parsed ? word : throw Invalid(wireOrder ? "8 hex digits in wire order" : "8 hex digits, most significant first");
    }
}

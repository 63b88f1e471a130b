using System.Globalization;
using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>Bytes as hex digits, at most <paramref name="maxLength"/> of them.</summary>
internal sealed class BytesField(string name, int maxLength) : JsonField<byte[]>(name)
{
    public override void Write(Utf8JsonWriter writer, byte[] value) => writer.WriteString(Name, Convert.ToHexStringLower(value));

    public override byte[] Read(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && HexText.TryParseBytes(value.GetString(), out byte[] bytes) && bytes.Length <= maxLength
            ? bytes
            : throw Invalid(string.Create(CultureInfo.InvariantCulture, $"hex digits of at most {maxLength} bytes"));
}

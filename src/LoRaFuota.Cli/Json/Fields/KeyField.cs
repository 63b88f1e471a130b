using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>A 128-bit key as 32 hex digits.</summary>
internal sealed class KeyField(string name) : JsonField<Key128>(name)
{
    public override void Write(Utf8JsonWriter writer, Key128 value) => writer.WriteString(Name, value.ToHexString());

    public override Key128 Read(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Key128.TryParse(value.GetString(), out Key128 key) ? key : throw Invalid("32 hex digits");
}

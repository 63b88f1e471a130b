using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>A JSON boolean: a status or option bit.</summary>
internal sealed class FlagField(string name) : JsonField<bool>(name)
{
    public override void Write(Utf8JsonWriter writer, bool value) => writer.WriteBoolean(Name, value);

    public override bool Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid("true or false"),
    };
}

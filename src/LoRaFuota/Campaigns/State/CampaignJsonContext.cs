using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoRaFuota.Campaigns.State;

/// <summary>The snapshot's JSON: enums by name, keys and EUIs as hex, times in ISO 8601 with every tick.</summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Key128JsonConverter), typeof(DevEuiJsonConverter)])]
[JsonSerializable(typeof(CampaignState))]
internal sealed partial class CampaignJsonContext : JsonSerializerContext;

/// <summary>A <see cref="Key128"/> as 32 hex digits.</summary>
internal sealed class Key128JsonConverter : JsonConverter<Key128>
{
    public override Key128 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Key128.TryParse(reader.GetString(), out Key128 key) ? key : throw new JsonException("A key is 32 hex digits.");

    public override void Write(Utf8JsonWriter writer, Key128 value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToHexString());
}

/// <summary>A <see cref="DevEui"/> as 16 hex digits.</summary>
internal sealed class DevEuiJsonConverter : JsonConverter<DevEui>
{
    public override DevEui Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DevEui.TryParse(reader.GetString(), out DevEui eui) ? eui : throw new JsonException("A DevEUI is 16 hex digits.");

    public override void Write(Utf8JsonWriter writer, DevEui value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

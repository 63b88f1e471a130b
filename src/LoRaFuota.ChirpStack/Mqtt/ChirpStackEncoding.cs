namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>How ChirpStack's MQTT integration encodes events and commands (its <c>json</c> setting).</summary>
public enum ChirpStackEncoding
{
    /// <summary>JSON (ChirpStack's default): lowerCamelCase fields, defaults left out, base64 bytes, enum names.</summary>
    Json = 0,

    /// <summary>Protobuf binary of the same messages (<c>json = false</c>).</summary>
    Protobuf,
}

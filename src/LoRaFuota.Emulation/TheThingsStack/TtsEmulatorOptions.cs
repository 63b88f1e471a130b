namespace LoRaFuota.Emulation.TheThingsStack;

/// <summary>How the emulated The Things Stack is set up: its application, MQTT login, API key and gateways.</summary>
public sealed class TtsEmulatorOptions
{
    /// <summary>Gets or sets the application the emulated devices belong to.</summary>
    public string ApplicationId { get; set; } = "fuota-app";

    /// <summary>Gets or sets the tenant id, or null for the open-source edition (topics then carry the bare application id).</summary>
    public string? TenantId { get; set; } = "tenant1";

    /// <summary>Gets or sets the MQTT broker's host.</summary>
    public string MqttHost { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the MQTT broker's port.</summary>
    public int MqttPort { get; set; } = 1883;

    /// <summary>Gets or sets the emulator's own user on the broker (the real server is the broker; here it is a client with rights on <c>v3/#</c>), or null for anonymous.</summary>
    public string? MqttUsername { get; set; }

    /// <summary>Gets or sets the emulator's own password on the broker.</summary>
    public string? MqttPassword { get; set; }

    /// <summary>Gets or sets the API key the HTTP registry accepts.</summary>
    public string ApiKey { get; set; } = "NNSXS.EMULATOR.KEY";

    /// <summary>Gets or sets the gateway every emulated device is heard by and that transmits multicast frames.</summary>
    public string GatewayId { get; set; } = "gateway-1";

    /// <summary>Gets or sets a value indicating whether the gateway is GPS-synchronised: uplinks carry <c>gps_time</c> and <c>absolute_time</c> is accepted.</summary>
    public bool GpsGateway { get; set; } = true;

    /// <summary>Gets or sets the prefix of the emulated devices' ids (<c>eui-{dev eui}</c>, as the console names them).</summary>
    public string DeviceIdPrefix { get; set; } = "eui-";

    /// <summary>Gets or sets the application FPort of TS004, whose DataFragments the record counts as fragments.</summary>
    public byte FragmentationPort { get; set; } = 201;

    /// <summary>Gets the application uid in the topics.</summary>
    public string ApplicationUid => TenantId is null ? ApplicationId : ApplicationId + "@" + TenantId;
}

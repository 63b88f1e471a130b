using LoRaFuota.ChirpStack.Mqtt;

namespace LoRaFuota.Emulation.ChirpStack;

/// <summary>How the emulated ChirpStack is set up: its application, MQTT integration, API token and scheduler margins.</summary>
public sealed class ChirpStackEmulatorOptions
{
    /// <summary>Gets or sets the one application the emulated devices belong to (UUID).</summary>
    public string ApplicationId { get; set; } = "17c82e96-be03-4f38-aef3-f83d48582d97";

    /// <summary>Gets or sets the MQTT broker's host.</summary>
    public string MqttHost { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the MQTT broker's port.</summary>
    public int MqttPort { get; set; } = 1883;

    /// <summary>Gets or sets the user the emulator connects to the broker as, or null for none.</summary>
    public string? MqttUsername { get; set; }

    /// <summary>Gets or sets the password for <see cref="MqttUsername"/>.</summary>
    public string? MqttPassword { get; set; }

    /// <summary>Gets or sets how the integration encodes events and commands (ChirpStack's <c>json</c> setting).</summary>
    public ChirpStackEncoding Encoding { get; set; }

    /// <summary>Gets or sets the token the gRPC API accepts.</summary>
    public string ApiToken { get; set; } = "emulator-token";

    /// <summary>Gets or sets <c>multicast_class_c_margin</c>: the spacing between class C frames of a group, per gateway with DELAY scheduling.</summary>
    public TimeSpan ClassCMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets <c>multicast_class_b_margin</c>: the least time before a class B frame's ping slot.</summary>
    public TimeSpan ClassBMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the gateway every emulated device is heard by.</summary>
    public string GatewayId { get; set; } = "0016c001ff10a235";

    /// <summary>Gets or sets the application FPort of TS004, whose DataFragments the record counts as fragments.</summary>
    public byte FragmentationPort { get; set; } = 201;
}

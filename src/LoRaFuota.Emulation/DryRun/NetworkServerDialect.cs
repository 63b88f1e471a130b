namespace LoRaFuota.Emulation.DryRun;

/// <summary>Which network server a dry run speaks to.</summary>
public enum NetworkServerDialect
{
    /// <summary>ChirpStack v4: MQTT integration (MQTT 5, QoS 1) and the gRPC API; the server paces multicast frames.</summary>
    ChirpStack,

    /// <summary>The Things Stack v3: MQTT 3.1.1 (QoS 0) and the registries' HTTP API; the engine paces multicast frames.</summary>
    TheThingsStack,
}

namespace LoRaFuota.Simulation.Devices;

/// <summary>Where a virtual device's uplinks go: the simulated network.</summary>
internal interface IDeviceRadio
{
    /// <summary>The device transmits an uplink now (an empty payload with FPort 0 is a frame without application data).</summary>
    void Transmit(VirtualDevice device, DateTimeOffset now, byte port, ReadOnlyMemory<byte> payload);
}

namespace LoRaFuota.Server.Api;

/// <summary>The body of <c>PUT /api/devices/{eui}</c>: where the device belongs and what it runs.</summary>
internal sealed class DeviceRegistration
{
    public string? Group { get; set; }

    public double? UplinkIntervalS { get; set; }

    public string? FirmwareVersion { get; set; }

    public string? Region { get; set; }
}

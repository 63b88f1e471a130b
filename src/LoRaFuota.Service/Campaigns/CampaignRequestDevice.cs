namespace LoRaFuota.Service.Campaigns;

/// <summary>One device of a <see cref="CampaignRequest"/> (the fleet file's fields that matter to a real campaign).</summary>
public sealed class CampaignRequestDevice
{
    /// <summary>Gets or sets the DevEUI as 16 hex digits.</summary>
    public string? DevEui { get; set; }

    /// <summary>Gets or sets the interval of the device's own uplinks in seconds (its class A windows); 900 when null.</summary>
    public double? UplinkIntervalS { get; set; }

    /// <summary>Gets or sets the firmware version the device runs now, if known.</summary>
    public string? FirmwareVersion { get; set; }
}

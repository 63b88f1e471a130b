namespace LoRaFuota.Campaigns;

/// <summary>What an update package carries (ThingsBoard's OTA package types).</summary>
public enum FirmwareType
{
    /// <summary>Device firmware.</summary>
    Firmware = 0,

    /// <summary>Application software on top of the firmware.</summary>
    Software,
}

namespace LoRaFuota.Storage.Model;

/// <summary>A device of the registry: the group (profile) it belongs to and what it runs.</summary>
public sealed record RegisteredDevice
{
    /// <summary>Gets the DevEUI.</summary>
    public required DevEui DevEui { get; init; }

    /// <summary>Gets the device group (ThingsBoard's profile) whose package assignment applies to it, or null.</summary>
    public string? Group { get; init; }

    /// <summary>Gets the interval of the device's own uplinks in seconds, or null for the campaigns' default.</summary>
    public double? UplinkIntervalSeconds { get; init; }

    /// <summary>Gets the firmware version the device was registered with, or null when unknown.</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>Gets the region the device works in (EU868, US915, ...), or null for the assignment's.</summary>
    public string? Region { get; init; }

    /// <summary>Gets when the registration was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the version the device runs: the one its last successful campaign installed, else <see cref="FirmwareVersion"/> (read only).</summary>
    public string? InstalledVersion { get; init; }

    /// <summary>Gets the running campaign the device is in, or null (read only).</summary>
    public Guid? RunningCampaignId { get; init; }
}

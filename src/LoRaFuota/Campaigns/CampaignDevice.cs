namespace LoRaFuota.Campaigns;

/// <summary>A device in a campaign: who it is, what it speaks, how often it talks.</summary>
/// <remarks>Its keys come from the campaign's <see cref="IDeviceKeyProvider"/>, not from here.</remarks>
public sealed class CampaignDevice
{
    /// <summary>Gets or sets the DevEUI.</summary>
    public DevEui DevEui { get; set; }

    /// <summary>Gets or sets the TS003 version the device runs, or null to ask it (PackageVersionReq).</summary>
    public PackageVersion? ClockSyncVersion { get; set; }

    /// <summary>Gets or sets the TS004 version the device runs, or null to ask it.</summary>
    public PackageVersion? FragmentationVersion { get; set; }

    /// <summary>Gets or sets the TS005 version the device runs, or null to ask it.</summary>
    public PackageVersion? MulticastSetupVersion { get; set; }

    /// <summary>Gets or sets the FPort of the device's TS003 package.</summary>
    /// <value>The default value is 202.</value>
    public byte ClockSyncPort { get; set; } = (byte)AppLayerPackage.ClockSync;

    /// <summary>Gets or sets the FPort of the device's TS004 package.</summary>
    /// <value>The default value is 201.</value>
    public byte FragmentationPort { get; set; } = (byte)AppLayerPackage.Fragmentation;

    /// <summary>Gets or sets the FPort of the device's TS005 package.</summary>
    /// <value>The default value is 200.</value>
    public byte MulticastSetupPort { get; set; } = (byte)AppLayerPackage.MulticastSetup;

    /// <summary>Gets or sets the device's class A uplink interval: each unicast request waits for its next uplink.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan UplinkInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the firmware version the device runs now, or null when unknown.</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>
    /// Gets or sets the TS004 v2 SessionCnt to use with this device: one above the last one it accepted. Persist
    /// <see cref="DeviceStatus.SessionCnt"/> + 1 after a campaign so the next one never repeats it.
    /// </summary>
    public ushort NextSessionCnt { get; set; }
}

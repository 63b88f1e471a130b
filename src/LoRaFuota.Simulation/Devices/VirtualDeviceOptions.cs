using LoRaFuota.Campaigns;
using LoRaFuota.Simulation.Channels;

namespace LoRaFuota.Simulation.Devices;

/// <summary>A virtual device: what it implements, its limits, its radio link and its clock.</summary>
public sealed class VirtualDeviceOptions
{
    /// <summary>Gets or sets the DevEUI.</summary>
    public DevEui DevEui { get; set; }

    /// <summary>Gets or sets which root key <see cref="RootKey"/> is.</summary>
    public RootKeyKind RootKeyKind { get; set; }

    /// <summary>Gets or sets the root key the device derives its multicast and data-block keys from.</summary>
    public Key128 RootKey { get; set; }

    /// <summary>Gets or sets the TS003 version the device runs, or null when it has no clock-sync package.</summary>
    /// <value>The default value is V2.</value>
    public PackageVersion? ClockSyncVersion { get; set; } = PackageVersion.V2;

    /// <summary>Gets or sets the TS004 version the device runs.</summary>
    /// <value>The default value is V2.</value>
    public PackageVersion FragmentationVersion { get; set; } = PackageVersion.V2;

    /// <summary>Gets or sets the TS005 version the device runs.</summary>
    /// <value>The default value is V2.</value>
    public PackageVersion MulticastSetupVersion { get; set; } = PackageVersion.V2;

    /// <summary>Gets or sets the TS003 FPort.</summary>
    public byte ClockSyncPort { get; set; } = (byte)AppLayerPackage.ClockSync;

    /// <summary>Gets or sets the TS004 FPort.</summary>
    public byte FragmentationPort { get; set; } = (byte)AppLayerPackage.Fragmentation;

    /// <summary>Gets or sets the TS005 FPort.</summary>
    public byte MulticastSetupPort { get; set; } = (byte)AppLayerPackage.MulticastSetup;

    /// <summary>Gets or sets the TS006 FPort the device reports its version on.</summary>
    public byte VersionPort { get; set; } = DevVersionProtocol.DefaultFPort;

    /// <summary>Gets or sets the interval of the device's own (application) uplinks; every one opens class A receive windows.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan UplinkInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the largest M the device accepts (FRAG_MAX_NB).</summary>
    public int MaxNbFrag { get; set; } = 4000;

    /// <summary>Gets or sets the largest fragment the device accepts (FRAG_MAX_SIZE).</summary>
    public int MaxFragSize { get; set; } = 242;

    /// <summary>Gets or sets the most lost uncoded fragments the device's decoder repairs (FRAG_MAX_REDUNDANCY), or null for no limit.</summary>
    public int? MaxLostFragments { get; set; } = 400;

    /// <summary>Gets or sets a value indicating whether the decoder drops fragments below the highest N seen (LoRaMac-node, LoRa Basics Modem).</summary>
    public bool InOrder { get; set; }

    /// <summary>Gets or sets a value indicating whether the device is switched off (sends and hears nothing).</summary>
    public bool Offline { get; set; }

    /// <summary>Gets or sets the clock drift in parts per million.</summary>
    public double ClockDriftPpm { get; set; } = 20;

    /// <summary>Gets or sets the device clock's error at the start (device minus true time).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Gets or sets the firmware version the device runs at the start.</summary>
    public string FirmwareVersion { get; set; } = "1.0.0";

    /// <summary>Gets or sets the hardware version it reports.</summary>
    public uint HardwareVersion { get; set; } = 1;

    /// <summary>Gets or sets the radio link.</summary>
    public ChannelModel Channel { get; set; } = ChannelModel.Perfect;

    /// <summary>Gets or sets how long the device takes to answer a command with an uplink.</summary>
    /// <value>The default value is 3 seconds.</value>
    public TimeSpan AnswerDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets how long writing the image and rebooting take.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan InstallDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the ECDSA P-256 public key (SubjectPublicKeyInfo, DER) the device checks firmware packages with, or
    /// null. With a key the device installs only a <see cref="Signing.FirmwarePackage"/> whose signature verifies; a
    /// tampered, unsigned or wrongly signed block is never installed and is reported as an integrity failure (the TS004 v2
    /// MICError flag). Without a key a package's SHA-256 is still checked; a block that is no package installs as it is.
    /// </summary>
    public ReadOnlyMemory<byte>? PackagePublicKey { get; set; }

    /// <summary>
    /// Gets or sets how the device finds the version of a raw image (a block that is not a <see cref="Signing.FirmwarePackage"/>):
    /// given the block's SHA-256, the version it brings, or null to keep reporting the old one. Real firmware reads it
    /// from its image header; an emulator looks it up in its package repository. Used when no image is expected.
    /// </summary>
    public Func<string, string?>? RawImageVersion { get; set; }

    /// <summary>Gets or sets a value indicating whether the device sends DevVersionAns after every boot.</summary>
    public bool ReportsVersionOnBoot { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the device answers FPending with an uplink at once (as LoRaMac-node's LmHandler does).</summary>
    public bool PullsPendingDownlinks { get; set; } = true;

    /// <summary>Gets or sets the multicast groups the device can hold (McGroupID below it).</summary>
    public int MaxMulticastGroups { get; set; } = 4;

    /// <summary>Gets or sets the fragmentation sessions the device can hold (FragIndex below it).</summary>
    public int MaxFragSessions { get; set; } = 4;

    /// <summary>Gets or sets the only descriptor the device accepts, or null to accept any.</summary>
    public uint? AcceptedDescriptor { get; set; }

    /// <summary>Gets or sets the SessionCnt the device last accepted (its non-volatile SessionCntPrev), or -1 for none.</summary>
    public int LastSessionCnt { get; set; } = -1;

    /// <summary>Gets or sets how many coded fragments the decoder batches (smaller saves memory in large simulations).</summary>
    public int DecoderBatchSize { get; set; } = 16;
}

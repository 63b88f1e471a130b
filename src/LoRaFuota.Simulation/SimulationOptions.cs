using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Devices;

namespace LoRaFuota.Simulation;

/// <summary>A whole-campaign simulation: the image, the fleet, the channel, the campaign settings and the seed.</summary>
public sealed class SimulationOptions
{
    /// <summary>Gets or sets the image, or null for a <see cref="SampleImage"/> of <see cref="ImageSize"/> bytes.</summary>
    public byte[]? Image { get; set; }

    /// <summary>Gets or sets the size of the sample image when <see cref="Image"/> is null.</summary>
    /// <value>The default value is 64 KiB.</value>
    public int ImageSize { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the version the image installs.</summary>
    /// <value>The default value is "2.0.0".</value>
    public string ImageVersion { get; set; } = "2.0.0";

    /// <summary>Gets or sets the number of identical devices when <see cref="Fleet"/> is null.</summary>
    /// <value>The default value is 100.</value>
    public int DeviceCount { get; set; } = 100;

    /// <summary>Gets or sets the fleet, or null for <see cref="DeviceCount"/> devices that support v1 and v2 of every package.</summary>
    public IReadOnlyList<FleetDevice>? Fleet { get; set; }

    /// <summary>Gets or sets the loss rate of every device's link (a fleet entry may set its own).</summary>
    public double Loss { get; set; }

    /// <summary>Gets or sets the mean burst length of every device's link (1: independent losses).</summary>
    /// <value>The default value is 1.</value>
    public double BurstLength { get; set; } = 1;

    /// <summary>Gets or sets the region.</summary>
    public RegionalParameters Region { get; set; } = RegionalParameters.Get(Regions.Region.EU868);

    /// <summary>Gets or sets the multicast data rate.</summary>
    public int DataRate { get; set; } = 5;

    /// <summary>Gets or sets the multicast class.</summary>
    public MulticastClass Class { get; set; }

    /// <summary>Gets or sets the class B periodicity, or null for the planner's choice.</summary>
    public byte? Periodicity { get; set; }

    /// <summary>Gets or sets the multicast frequency, or null for the region's default.</summary>
    public uint? FrequencyHz { get; set; }

    /// <summary>Gets or sets R as a count.</summary>
    public int? Redundancy { get; set; }

    /// <summary>Gets or sets R as a percentage of M.</summary>
    public double? RedundancyPercent { get; set; }

    /// <summary>Gets or sets the target success probability R is chosen for (at <see cref="Loss"/>).</summary>
    public double? TargetSuccessProbability { get; set; }

    /// <summary>Gets or sets the TS004 version devices that support it run, or null for each device's highest.</summary>
    public PackageVersion? FragmentationVersion { get; set; }

    /// <summary>Gets or sets a value indicating whether the campaign runs the closed loop.</summary>
    public bool ClosedLoop { get; set; }

    /// <summary>Gets or sets how many devices the campaign contacts per minute, or null for all at once (<see cref="FuotaCampaignOptions.DevicesPerMinute"/>).</summary>
    public int? DevicesPerMinute { get; set; }

    /// <summary>Gets or sets a value indicating whether the campaign sends everything by unicast.</summary>
    public bool UnicastOnly { get; set; }

    /// <summary>Gets or sets when (after the start) the campaign is saved to a snapshot, discarded and restored, or null.</summary>
    public TimeSpan? RestartAt { get; set; }

    /// <summary>Gets or sets when (after the start) the campaign is cancelled, or null.</summary>
    public TimeSpan? CancelAt { get; set; }

    /// <summary>Gets or sets the public key (SubjectPublicKeyInfo, DER) every device checks signed packages with (see <see cref="Devices.VirtualDeviceOptions.PackagePublicKey"/>), or null.</summary>
    public ReadOnlyMemory<byte>? PackagePublicKey { get; set; }

    /// <summary>Gets or sets how every device finds a raw image's version (see <see cref="Devices.VirtualDeviceOptions.RawImageVersion"/>), or null.</summary>
    public Func<string, string?>? RawImageVersion { get; set; }

    /// <summary>Gets or sets the seed: the same seed gives the same run.</summary>
    /// <value>The default value is 1.</value>
    public long Seed { get; set; } = 1;

    /// <summary>Gets or sets the virtual start time.</summary>
    /// <value>The default value is 2026-01-01T00:00:00Z.</value>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets or sets the longest virtual time the simulation runs before it gives up.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets a hook that adjusts the campaign options before the campaign is created.</summary>
    public Action<FuotaCampaignOptions>? ConfigureCampaign { get; set; }

    /// <summary>Gets or sets a hook that adjusts each virtual device before it is built.</summary>
    public Action<VirtualDeviceOptions>? ConfigureDevice { get; set; }

    /// <summary>Gets or sets a callback for every campaign event as it happens.</summary>
    public Action<CampaignEvent>? OnEvent { get; set; }

    /// <summary>Gets or sets a callback for every action the campaign hands the network server, before it is carried out.</summary>
    public Action<CampaignAction>? OnAction { get; set; }
}

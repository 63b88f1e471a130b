using System.Text;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Simulation.Channels;
using LoRaFuota.Simulation.Devices;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation;

/// <summary>
/// Runs a whole campaign in virtual time: the orchestrator (<see cref="FuotaCampaign"/>) ↔ a simulated network server ↔
/// virtual devices over lossy links. Deterministic: the same options and seed give the same result, event for event.
/// </summary>
public static class CampaignSimulator
{
    private const int MaxStepsAtOneInstant = 100_000;
    private const ulong FirstDevEui = 0x70B3D57ED0000000UL;

    /// <summary>Runs a simulation to the campaign's end (or <see cref="SimulationOptions.MaxDuration"/>).</summary>
    /// <param name="options">The simulation.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="InfeasiblePlanException">The campaign's plan cannot run.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static SimulationResult Run(SimulationOptions options)
    {
        SimulationSetup setup = Prepare(options);
        return Simulate(options, setup.Image, setup.Keys, setup.Campaign, setup.Network);
    }

    /// <summary>
    /// Builds what a simulation runs — the campaign, the virtual devices and their radio — without running it, for a
    /// run through other parts (a network-server emulator and a broker) that ends in the same report.
    /// </summary>
    /// <param name="options">The simulation.</param>
    /// <returns>The campaign, the keys, the image and the network of virtual devices.</returns>
    /// <exception cref="InfeasiblePlanException">The campaign's plan cannot run.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static SimulationSetup Prepare(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        byte[] content = options.Image ?? SampleImage.Create(options.ImageSize);
        var image = new FirmwareImage(content, "sample", options.ImageVersion);
        SimulatedFleet fleet = CreateFleet(options);
        var campaignOptions = new FuotaCampaignOptions
        {
            Name = "simulation",
            Image = image,
            Region = options.Region,
            DataRate = options.DataRate,
            Class = options.Class,
            Periodicity = options.Periodicity,
            FrequencyHz = options.FrequencyHz,
            Redundancy = options.Redundancy,
            RedundancyPercent = options.RedundancyPercent,
            TargetSuccessProbability = options.TargetSuccessProbability,
            ExpectedLoss = options.Loss,
            ClosedLoop = options.ClosedLoop,
            DevicesPerMinute = options.DevicesPerMinute,
            Delivery = options.UnicastOnly ? CampaignDelivery.UnicastOnly : CampaignDelivery.Multicast,
            McAddr = (uint)SimulationRandom.For(options.Seed, -1).NextUInt64(),
            McKey = RandomKey(options.Seed, -2),
        };
        foreach (VirtualDevice device in fleet.Devices)
        {
            device.ExpectImage(image.Sha256, options.ImageVersion);
            campaignOptions.Devices.Add(new CampaignDevice
            {
                DevEui = device.DevEui,
                UplinkInterval = device.Options.UplinkInterval,
                FirmwareVersion = device.Options.FirmwareVersion,
            });
        }

        options.ConfigureCampaign?.Invoke(campaignOptions);
        FuotaCampaign campaign = FuotaCampaign.Create(campaignOptions, fleet.Keys);
        var network = new SimulatedNetwork(options.Region, campaign.Plan.DataRate!.Index, fleet.Devices);
        return new SimulationSetup(campaign, fleet.Keys, image, network);
    }

    /// <summary>
    /// Builds the virtual devices of <see cref="SimulationOptions.Fleet"/> (or <see cref="SimulationOptions.DeviceCount"/>
    /// identical ones) with their GenAppKeys, as a simulation does, for an emulated network server with no campaign of
    /// its own. The keys follow from the seed and the DevEUI, so the same options give the same keys.
    /// </summary>
    /// <param name="options">The fleet, the links' loss, the TS004 preference and the seed (the image and campaign options are ignored).</param>
    /// <returns>The devices and their root keys.</returns>
    /// <exception cref="ArgumentException">A fleet option is invalid.</exception>
    public static SimulatedFleet CreateFleet(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateFleet(options);
        IReadOnlyList<FleetDevice> fleet = options.Fleet ?? [.. Enumerable.Range(1, options.DeviceCount).Select(i => new FleetDevice { DevEui = new DevEui(FirstDevEui + (ulong)i) })];
        var keys = new DeviceKeyStore();
        var devices = new VirtualDevice[fleet.Count];
        for (int i = 0; i < fleet.Count; i++)
        {
            FleetDevice entry = fleet[i];
            Key128 rootKey = RandomKey(options.Seed, (long)entry.DevEui.Value);
            keys.Add(entry.DevEui, RootKeyKind.GenAppKey, rootKey);
            VirtualDeviceOptions deviceOptions = ToDeviceOptions(entry, rootKey, options);
            options.ConfigureDevice?.Invoke(deviceOptions);
            devices[i] = new VirtualDevice(deviceOptions, options.Region, options.Seed);
        }

        return new SimulatedFleet(keys, devices);
    }

    private static SimulationResult Simulate(SimulationOptions options, FirmwareImage image, DeviceKeyStore keys, FuotaCampaign campaign, SimulatedNetwork network)
    {
        DateTimeOffset start = options.Start;
        DateTimeOffset limit = start + options.MaxDuration;
        DateTimeOffset? restartAt = options.RestartAt is TimeSpan restart ? start + restart : null;
        DateTimeOffset? cancelAt = options.CancelAt is TimeSpan cancel ? start + cancel : null;
        var events = new List<CampaignEvent>();
        var uplinks = new List<DeviceUplink>();
        DateTimeOffset? wakeUp = null;
        int snapshotBytes = 0;

        void Apply(CampaignStep step)
        {
            foreach (CampaignAction action in step.Actions)
            {
                options.OnAction?.Invoke(action);
                network.Execute(action);
            }

            foreach (CampaignEvent campaignEvent in step.Events)
            {
                events.Add(campaignEvent);
                options.OnEvent?.Invoke(campaignEvent);
            }

            wakeUp = step.NextWakeUp;
        }

        network.Start(start);
        DateTimeOffset now = start;
        Apply(campaign.Advance(now));
        int stepsAtInstant = 0;
        while (!campaign.IsCompleted)
        {
            DateTimeOffset? next = Earliest(Earliest(network.NextEventTime, wakeUp), Earliest(restartAt, cancelAt));
            if (next is not DateTimeOffset time || time > limit)
            {
                break;
            }

            stepsAtInstant = time == now ? stepsAtInstant + 1 : 0;
            if (stepsAtInstant > MaxStepsAtOneInstant)
            {
                throw new InvalidOperationException($"The simulation makes no progress at {now:O}: the campaign keeps asking to run at the same instant.");
            }

            now = time;
            if (restartAt <= now)
            {
                // Save, discard, restore: the run must go on exactly as without it.
                string snapshot = campaign.SaveSnapshot();
                snapshotBytes = Encoding.UTF8.GetByteCount(snapshot);
                campaign = FuotaCampaign.Restore(snapshot, image, keys);
                restartAt = null;
            }

            if (cancelAt <= now)
            {
                cancelAt = null;
                Apply(campaign.Cancel(now));
            }

            uplinks.Clear();
            network.RunUntil(now, uplinks);
            foreach (DeviceUplink uplink in uplinks)
            {
                Apply(campaign.HandleUplink(uplink, now));
            }

            if (wakeUp <= now)
            {
                Apply(campaign.Advance(now));
            }
        }

        return new SimulationResult
        {
            Completed = campaign.IsCompleted,
            Cancelled = campaign.IsCancelled,
            StartedAt = campaign.StartedAt ?? start,
            EndedAt = campaign.CompletedAt ?? now,
            DeviceResults = ResultsOf(campaign, network),
            Events = events,
            Network = network.Log,
            Plan = campaign.Plan,
            ImageSha256 = image.Sha256,
            SnapshotBytes = snapshotBytes,
        };
    }

    /// <summary>Each device's outcome: the campaign's view joined with what the virtual device holds.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="network">Its virtual devices, in the campaign's device order.</param>
    /// <returns>One result per device.</returns>
    public static DeviceResult[] ResultsOf(FuotaCampaign campaign, SimulatedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(network);
        IReadOnlyList<DeviceStatus> statuses = campaign.GetDevices();
        var results = new DeviceResult[statuses.Count];
        for (int i = 0; i < results.Length; i++)
        {
            DeviceStatus status = statuses[i];
            VirtualDevice device = network.Devices[i];
            results[i] = new DeviceResult
            {
                DevEui = status.DevEui,
                State = status.State,
                FailureReason = status.FailureReason,
                FragmentsReceived = device.FragmentsReceived,
                FirmwareSha256 = device.InstalledSha256,
                FirmwareVersion = device.RunningVersion,
                ClockSyncVersion = status.ClockSyncVersion,
                FragmentationVersion = status.FragmentationVersion,
                MulticastSetupVersion = status.MulticastSetupVersion,
                Lwm2mState = status.Lwm2mState,
                Lwm2mResult = status.Lwm2mResult,
                History = status.History,
            };
        }

        return results;
    }

    private static VirtualDeviceOptions ToDeviceOptions(FleetDevice entry, Key128 rootKey, SimulationOptions options) => new()
    {
        DevEui = entry.DevEui,
        RootKeyKind = RootKeyKind.GenAppKey,
        RootKey = rootKey,
        ClockSyncVersion = entry.ClockSyncVersions.Count == 0 ? null : Pick(entry.ClockSyncVersions, null),
        FragmentationVersion = Pick(entry.FragmentationVersions, options.FragmentationVersion),
        MulticastSetupVersion = Pick(entry.MulticastSetupVersions, null),
        UplinkInterval = TimeSpan.FromSeconds(entry.UplinkIntervalSeconds),
        MaxNbFrag = entry.MaxNbFrag,
        MaxFragSize = entry.MaxFragSize,
        MaxLostFragments = entry.MaxLost,
        InOrder = entry.InOrder,
        Offline = entry.Offline,
        ClockDriftPpm = entry.ClockDriftPpm,
        ClockOffset = TimeSpan.FromSeconds(entry.ClockOffsetSeconds),
        FirmwareVersion = entry.FirmwareVersion,
        Channel = new ChannelModel(entry.Loss ?? options.Loss, entry.BurstLength ?? options.BurstLength),
        PackagePublicKey = options.PackagePublicKey,
        RawImageVersion = options.RawImageVersion,
    };

    // A device that can run several versions runs the preferred one if it can, else its highest.
    private static PackageVersion Pick(IList<int> versions, PackageVersion? preferred) =>
        preferred is PackageVersion wanted && versions.Contains((int)wanted) ? wanted : (PackageVersion)versions.Max();

    private static Key128 RandomKey(long seed, long stream)
    {
        Key128 key = default;
        SimulationRandom.For(seed, stream).Fill(key);
        return key;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    private static void Validate(SimulationOptions options)
    {
        if (options.Image is null && options.ImageSize < 1)
        {
            throw new ArgumentException("Invalid simulation options: ImageSize must be at least 1 byte.", nameof(options));
        }

        if (options.RestartAt < TimeSpan.Zero || options.CancelAt < TimeSpan.Zero || options.MaxDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("Invalid simulation options: RestartAt and CancelAt must not be negative; MaxDuration must be positive.", nameof(options));
        }
    }

    private static void ValidateFleet(SimulationOptions options)
    {
        List<string> problems = [];
        if (options.Fleet is null && options.DeviceCount is < 1 or > 1_000_000)
        {
            problems.Add("DeviceCount must be 1 to 1 000 000.");
        }

        if (options.Fleet is { Count: 0 })
        {
            problems.Add("The fleet must hold at least one device.");
        }

        if (!(options.Loss >= 0 && options.Loss < 1) || !(options.BurstLength >= 1))
        {
            problems.Add("Loss must be at least 0 and below 1; BurstLength at least 1.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid simulation options: " + string.Join(" ", problems), nameof(options));
        }
    }
}

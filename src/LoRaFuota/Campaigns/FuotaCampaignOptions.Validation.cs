using System.Globalization;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Campaigns;

/// <content>Validation: every problem found, in one exception.</content>
public sealed partial class FuotaCampaignOptions
{
    private const int MaxRetries = 10;
    private const int MaxApplicationPort = 223;

    /// <summary>Checks every setting and throws one exception that lists each problem.</summary>
    /// <exception cref="ArgumentException">At least one setting is invalid.</exception>
    public void Validate()
    {
        List<string> problems = [];
        ValidateImageAndDevices(problems);
        ValidateSession(problems);
        ValidateTiming(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid campaign options: " + string.Join(" ", problems), "options");
        }
    }

    private void ValidateImageAndDevices(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("Name must not be empty.");
        }

        if (Image is null)
        {
            problems.Add("Image is required.");
        }
        else if (VersionProtocol is not null && !VersionProtocol.TryNormalize(Image.Version, out _))
        {
            problems.Add($"Image version \"{Image.Version}\" cannot be reported through {VersionProtocol.GetType().Name} (DevVersionProtocol: one to four numbers 0–255); use such a version or another IFirmwareVersionProtocol.");
        }

        if (VersionProtocol is null)
        {
            problems.Add("VersionProtocol is required (DevVersionProtocol.Default reads TS006 DevVersionAns).");
        }

        if (Devices.Count == 0)
        {
            problems.Add("Devices must hold at least one device.");
        }

        HashSet<DevEui> seen = [];
        foreach (CampaignDevice device in Devices)
        {
            if (device is null)
            {
                problems.Add("Devices must not contain null.");
                continue;
            }

            if (!seen.Add(device.DevEui))
            {
                problems.Add($"Device {device.DevEui} is listed twice.");
            }

            ValidateDevice(device, problems);
        }
    }

    private void ValidateDevice(CampaignDevice device, List<string> problems)
    {
        byte[] ports = [device.ClockSyncPort, device.FragmentationPort, device.MulticastSetupPort, VersionProtocol?.FPort ?? 0];
        foreach (byte port in ports)
        {
            if (port is 0 or > MaxApplicationPort)
            {
                problems.Add($"Device {device.DevEui}: FPort {port} is not an application port (1–223).");
            }
        }

        if (ports.Distinct().Count() != ports.Length)
        {
            problems.Add($"Device {device.DevEui}: the TS003, TS004, TS005 and version-report FPorts must differ ({string.Join(", ", ports)}).");
        }

        if (device.UplinkInterval <= TimeSpan.Zero)
        {
            problems.Add($"Device {device.DevEui}: UplinkInterval must be positive.");
        }

        foreach (PackageVersion? version in (ReadOnlySpan<PackageVersion?>)[device.ClockSyncVersion, device.FragmentationVersion, device.MulticastSetupVersion])
        {
            if (version is not null and not (PackageVersion.V1 or PackageVersion.V2))
            {
                problems.Add($"Device {device.DevEui}: a package version is V1, V2 or null (ask the device).");
            }
        }
    }

    private void ValidateSession(List<string> problems)
    {
        if (Region is null)
        {
            problems.Add("Region is required.");
        }

        int redundancySettings = (Redundancy.HasValue ? 1 : 0) + (RedundancyPercent.HasValue ? 1 : 0) + (TargetSuccessProbability.HasValue ? 1 : 0);
        if (redundancySettings != 1)
        {
            problems.Add("Set exactly one of Redundancy, RedundancyPercent or TargetSuccessProbability.");
        }

        if (Periodicity is > 7)
        {
            problems.Add("Periodicity must be 0 to 7.");
        }

        if (MulticastTimeoutCode is > AppLayerTiming.MaxTimeOutCode)
        {
            problems.Add("MulticastTimeoutCode must be 0 to 15.");
        }

        if (McGroupId > 3 || FragIndex > 3)
        {
            problems.Add("McGroupId and FragIndex must be 0 to 3.");
        }

        if (BlockAckDelay > 7)
        {
            problems.Add("BlockAckDelay must be 0 to 7.");
        }

        if (MaxMcFCnt < MinMcFCnt)
        {
            problems.Add("MaxMcFCnt must not be below MinMcFCnt.");
        }

        if (ClosedLoopBurst is < 1)
        {
            problems.Add("ClosedLoopBurst must be at least 1.");
        }

        if (MaxFallbackFragments < 0)
        {
            problems.Add("MaxFallbackFragments must not be negative.");
        }

        if (!Enum.IsDefined(Delivery) || !Enum.IsDefined(Class) || !Enum.IsDefined(ClockSyncPolicy) || !Enum.IsDefined(V2Parity) || V2Parity == ParityVariant.V1)
        {
            problems.Add("Delivery, Class, ClockSyncPolicy and V2Parity must be defined values (V2Parity: V2 or V2Specification).");
        }
    }

    private void ValidateTiming(List<string> problems)
    {
        if (UnicastRetries is < 0 or > MaxRetries)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"UnicastRetries must be 0 to {MaxRetries}."));
        }

        if (UnicastTimeout <= TimeSpan.Zero || SetupTimeout <= TimeSpan.Zero || SessionLeadTime < TimeSpan.Zero || DownlinkLeadTime < TimeSpan.Zero)
        {
            problems.Add("UnicastTimeout and SetupTimeout must be positive; SessionLeadTime and DownlinkLeadTime must not be negative.");
        }

        if (DevicesPerMinute is < 1 or > 1_000_000)
        {
            problems.Add("DevicesPerMinute must be 1 to 1000000 (or null for no pacing).");
        }

        if (UnicastPullInterval <= TimeSpan.Zero || InstallTimeout <= TimeSpan.Zero || ClockSyncThreshold < TimeSpan.Zero)
        {
            problems.Add("UnicastPullInterval and InstallTimeout must be positive; ClockSyncThreshold must not be negative.");
        }

        if (ClockTolerance < TimeSpan.FromSeconds(1))
        {
            problems.Add("ClockTolerance must be at least 1 second (TimeToStart counts whole seconds).");
        }

        if (ResyncTransmissions is < 1 or > 7)
        {
            problems.Add("ResyncTransmissions must be 1 to 7.");
        }
    }
}

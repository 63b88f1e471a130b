using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Campaigns;

/// <summary>Turns a <see cref="CampaignRequest"/> and its package into a campaign ready to store: checked, planned, with a fresh multicast address and key.</summary>
public static class CampaignFactory
{
    private const int MaxDevices = 100_000;

    /// <summary>Builds the campaign and what the store keeps of it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="package">The package, with its bytes.</param>
    /// <param name="keys">The devices' root keys.</param>
    /// <param name="now">The time the devices' first state is stamped with.</param>
    /// <param name="serverSpacing">The network server's own multicast pacing (ChirpStack: 5 s), or null.</param>
    /// <param name="downlinkLeadTime">How long before its slot a multicast frame is handed to the network server (The Things Stack with <c>absolute_time</c> needs it ahead), or null for at its slot.</param>
    /// <returns>The campaign, and the record to store (parameters, snapshot, plan, devices).</returns>
    /// <exception cref="ArgumentException">The request cannot run: every problem named (a device without a root key, an infeasible plan with its reasons).</exception>
    public static (FuotaCampaign Campaign, NewCampaign Record) Create(CampaignRequest request, StoredPackage package, IDeviceKeyProvider keys, DateTimeOffset now, TimeSpan? serverSpacing = null, TimeSpan? downlinkLeadTime = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(keys);
        FuotaCampaignOptions options = ToOptions(request, package, keys, serverSpacing);
        options.DownlinkLeadTime = downlinkLeadTime ?? TimeSpan.Zero;
        FuotaCampaign campaign = FuotaCampaign.Create(options, keys);
        var record = new NewCampaign
        {
            Name = options.Name,
            PackageId = package.Id,
            Parameters = Parameters(request),
            Snapshot = campaign.SaveSnapshot(),
            Plan = PlanJson(campaign.Plan),
        };
        foreach (DeviceStatus device in campaign.GetDevices())
        {
            record.Devices.Add(new DeviceRecord { DevEui = device.DevEui, State = device.State, UpdatedAt = now });
        }

        return (campaign, record);
    }

    private static FuotaCampaignOptions ToOptions(CampaignRequest request, StoredPackage package, IDeviceKeyProvider keys, TimeSpan? serverSpacing)
    {
        var problems = new List<string>();
        RegionalParameters? region = null;
        if (request.Region is null || !RegionalParameters.TryParse(request.Region, out region))
        {
            problems.Add($"region \"{request.Region}\" is not one of EU868, US915, AU915, AS923-1…4, IN865, KR920, CN470, RU864.");
        }

        if (request.DataRate is null)
        {
            problems.Add("dr (the multicast data rate index) is required.");
        }

        if (request.ParsedClass is null)
        {
            problems.Add("class must be C or B.");
        }

        if (request.Periodicity is < 0 or > 7)
        {
            problems.Add("periodicity must be 0 to 7.");
        }

        if (request.DevicesPerMinute is < 1 or > 1_000_000)
        {
            problems.Add("devices_per_minute must be 1 to 1000000 (or absent for all at once).");
        }

        if (request.Ts004 is not (null or 1 or 2))
        {
            problems.Add("ts004 must be 1 or 2.");
        }

        if (request.Devices.Count is 0 or > MaxDevices)
        {
            problems.Add($"devices must list 1 to {MaxDevices} devices.");
        }

        if (package.Content.IsEmpty)
        {
            problems.Add($"package {package.Id} has no content (it was deleted).");
        }

        var devices = new List<CampaignDevice>();
        var seen = new HashSet<DevEui>();
        for (int i = 0; i < request.Devices.Count; i++)
        {
            CampaignRequestDevice entry = request.Devices[i];
            if (entry is null || !DevEui.TryParse(entry.DevEui, out DevEui eui))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"devices[{i}].dev_eui must be 16 hex digits."));
                continue;
            }

            if (!seen.Add(eui))
            {
                problems.Add($"device {eui} is listed twice.");
            }

            if (!keys.TryEncryptMcKey(eui, default, out _))
            {
                problems.Add($"device {eui} is unknown: the service has no root key for it.");
                continue;
            }

            if (entry.UplinkIntervalS is < 1 or > 86_400 || entry.UplinkIntervalS is double.NaN)
            {
                problems.Add($"device {eui}: uplink_interval_s must be 1 to 86400.");
                continue;
            }

            devices.Add(new CampaignDevice
            {
                DevEui = eui,
                UplinkInterval = TimeSpan.FromSeconds(entry.UplinkIntervalS ?? 900),
                FirmwareVersion = entry.FirmwareVersion,
                FragmentationVersion = request.Ts004 is int v ? (PackageVersion)v : null,
            });
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid campaign: " + string.Join(" ", problems), nameof(request));
        }

        var options = new FuotaCampaignOptions
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? $"{package.Title} {package.Version}" : request.Name.Trim(),
            Image = new FirmwareImage(package.Content, package.Title, package.Version, package.Type),
            Region = region!,
            DataRate = request.DataRate!.Value,
            Class = request.ParsedClass!.Value,
            Periodicity = request.Periodicity is int p ? (byte)p : null,
            FrequencyHz = request.FrequencyHz,
            Redundancy = request.Redundancy,
            RedundancyPercent = request.RedundancyPercent,
            TargetSuccessProbability = request.TargetSuccess,
            ExpectedLoss = request.ExpectedLoss,
            ClosedLoop = request.ClosedLoop,
            DevicesPerMinute = request.DevicesPerMinute,
            ServerSpacing = serverSpacing,
            McAddr = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue),
            McKey = Key128.Create(RandomNumberGenerator.GetBytes(Key128.Length)),
        };
        foreach (CampaignDevice device in devices)
        {
            options.Devices.Add(device);
        }

        return options;
    }

    private static string Parameters(CampaignRequest request)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("region", request.Region);
            w.WriteNumber("dr", request.DataRate ?? 0);
            w.WriteString("class", request.Class?.ToUpperInvariant());
            WriteNullable(w, "periodicity", request.Periodicity);
            WriteNullable(w, "frequency_hz", request.FrequencyHz);
            WriteNullable(w, "redundancy", request.Redundancy);
            WriteNullable(w, "redundancy_percent", request.RedundancyPercent);
            WriteNullable(w, "target_success", request.TargetSuccess);
            w.WriteNumber("expected_loss", request.ExpectedLoss);
            WriteNullable(w, "ts004", request.Ts004);
            w.WriteBoolean("closed_loop", request.ClosedLoop);
            WriteNullable(w, "devices_per_minute", request.DevicesPerMinute);
            w.WriteNumber("devices", request.Devices.Count);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>The plan as the API shows it.</summary>
    private static string PlanJson(CampaignPlan plan)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("region", plan.Region.Name);
            w.WriteNumber("dr", plan.DataRate?.Index ?? -1);
            w.WriteNumber("frequency_hz", plan.FrequencyHz);
            w.WriteString("class", plan.Class == MulticastClass.ClassB ? "B" : "C");
            w.WriteNumber("periodicity", plan.Periodicity);
            w.WriteNumber("image_size", plan.ImageSize);
            w.WriteNumber("nb_frag", plan.NbFrag);
            w.WriteNumber("fragment_size", plan.FragmentSize);
            w.WriteNumber("redundancy", plan.Redundancy);
            w.WriteNumber("time_on_air_ms", Math.Round(plan.TimeOnAir.TotalMilliseconds, 3));
            w.WriteNumber("spacing_s", Math.Round(plan.Spacing.TotalSeconds, 3));
            w.WriteNumber("duty_cycle", plan.DutyCycle);
            w.WriteNumber("total_airtime_s", Math.Round(plan.TotalAirtime.TotalSeconds, 3));
            w.WriteStartArray("warnings");
            foreach (PlanIssue warning in plan.Warnings)
            {
                w.WriteStringValue(warning.Message);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

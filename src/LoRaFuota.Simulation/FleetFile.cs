using System.Globalization;
using System.Text.Json;

namespace LoRaFuota.Simulation;

/// <summary>
/// Reads a fleet file: a JSON array of device objects with snake_case fields (<c>dev_eui</c> required; <c>loss</c>,
/// <c>burst_length</c>, <c>versions</c> {<c>ts003</c>, <c>ts004</c>, <c>ts005</c>}, <c>max_nb_frag</c>,
/// <c>max_frag_size</c>, <c>max_lost</c>, <c>in_order</c>, <c>offline</c>, <c>clock_drift_ppm</c>,
/// <c>clock_offset_s</c>, <c>uplink_interval_s</c>, <c>firmware_version</c> optional). Strict: an unknown field or a
/// bad value is an error naming the device and the field.
/// </summary>
public static class FleetFile
{
    /// <summary>Parses a fleet file.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The devices, in file order.</returns>
    /// <exception cref="FormatException">The text is not a valid fleet (the message names the device and the field).</exception>
    public static IReadOnlyList<FleetDevice> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The fleet file is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                throw new FormatException("The fleet file must be a non-empty JSON array of device objects.");
            }

            var devices = new List<FleetDevice>();
            HashSet<DevEui> seen = [];
            int position = 0;
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                position++;
                FleetDevice device = ParseDevice(element, position);
                if (!seen.Add(device.DevEui))
                {
                    throw new FormatException($"device {device.DevEui}: dev_eui appears twice in the fleet.");
                }

                devices.Add(device);
            }

            return devices;
        }
    }

    private static FleetDevice ParseDevice(JsonElement element, int position)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"device #{position}");
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{name}: must be a JSON object.");
        }

        if (!element.TryGetProperty("dev_eui", out JsonElement euiElement) || euiElement.ValueKind != JsonValueKind.String
            || !DevEui.TryParse(euiElement.GetString(), out DevEui eui))
        {
            throw new FormatException($"{name}: dev_eui is required and must be 16 hex digits.");
        }

        name = $"device {eui}";
        var device = new FleetDevice { DevEui = eui };
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string field = property.Name;
            JsonElement value = property.Value;
            switch (field)
            {
                case "dev_eui":
                    break;
                case "loss":
                    device.Loss = Number(value, name, field, 0, 1, maxExclusive: true);
                    break;
                case "burst_length":
                    device.BurstLength = Number(value, name, field, 1, 1e6);
                    break;
                case "versions":
                    ParseVersions(value, device, name);
                    break;
                case "max_nb_frag":
                    device.MaxNbFrag = Integer(value, name, field, 1, 65535);
                    break;
                case "max_frag_size":
                    device.MaxFragSize = Integer(value, name, field, 1, 255);
                    break;
                case "max_lost":
                    device.MaxLost = Integer(value, name, field, 0, 65535);
                    break;
                case "in_order":
                    device.InOrder = Boolean(value, name, field);
                    break;
                case "offline":
                    device.Offline = Boolean(value, name, field);
                    break;
                case "clock_drift_ppm":
                    device.ClockDriftPpm = Number(value, name, field, -1e4, 1e4);
                    break;
                case "clock_offset_s":
                    device.ClockOffsetSeconds = Number(value, name, field, -1e9, 1e9);
                    break;
                case "uplink_interval_s":
                    device.UplinkIntervalSeconds = Number(value, name, field, 1, 7 * 86400);
                    break;
                case "firmware_version":
                    device.FirmwareVersion = value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                        ? value.GetString()!
                        : throw new FormatException($"{name}: firmware_version must be a non-empty string.");
                    break;
                default:
                    throw new FormatException($"{name}: unknown field \"{field}\".");
            }
        }

        return device;
    }

    private static void ParseVersions(JsonElement value, FleetDevice device, string name)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{name}: versions must be an object like {{\"ts003\": [1, 2], \"ts004\": [1, 2], \"ts005\": [1, 2]}}.");
        }

        foreach (JsonProperty package in value.EnumerateObject())
        {
            IList<int> target = package.Name switch
            {
                "ts003" => device.ClockSyncVersions,
                "ts004" => device.FragmentationVersions,
                "ts005" => device.MulticastSetupVersions,
                _ => throw new FormatException($"{name}: unknown field \"versions.{package.Name}\" (use ts003, ts004, ts005)."),
            };
            string field = "versions." + package.Name;
            if (package.Value.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{name}: {field} must be an array of versions (1, 2).");
            }

            target.Clear();
            foreach (JsonElement version in package.Value.EnumerateArray())
            {
                int v = Integer(version, name, field, 1, 2);
                if (!target.Contains(v))
                {
                    target.Add(v);
                }
            }

            if (target.Count == 0 && package.Name != "ts003")
            {
                throw new FormatException($"{name}: {field} must list at least one version: FUOTA needs TS004 and TS005.");
            }
        }
    }

    private static double Number(JsonElement value, string name, string field, double min, double max, bool maxExclusive = false)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number < min || number > max || (maxExclusive && number >= max))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name}: {field} must be a number from {min} to {(maxExclusive ? "below " : string.Empty)}{max}."));
        }

        return number;
    }

    private static int Integer(JsonElement value, string name, string field, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < min || number > max)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name}: {field} must be a whole number from {min} to {max}."));
        }

        return number;
    }

    private static bool Boolean(JsonElement value, string name, string field) =>
        value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{name}: {field} must be true or false."),
        };
}

using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Simulation;

/// <summary>The simulate report as one JSON object; the same seed gives the same bytes.</summary>
internal static class SimulationJson
{
    public static string Render(SimulationResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, result);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, SimulationResult result)
    {
        w.WriteStartObject();
        w.WriteNumber("devices", result.Devices);
        w.WriteNumber("updated", result.Updated);
        w.WriteNumber("failed", result.Failed);
        w.WriteBoolean("completed", result.Completed);
        w.WriteBoolean("cancelled", result.Cancelled);
        w.WriteNumber("campaign_duration_s", Math.Round(result.Duration.TotalSeconds, 3));
        w.WriteNumber("fragments_sent", result.FragmentsSent);
        w.WriteNumber("airtime_s", Math.Round(result.Airtime.TotalSeconds, 3));
        w.WriteString("image_sha256", result.ImageSha256);
        w.WriteStartArray("device_results");
        foreach (DeviceResult device in result.DeviceResults)
        {
            WriteDevice(w, device);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter w, DeviceResult device)
    {
        w.WriteStartObject();
        w.WriteString("dev_eui", device.DevEui.ToString());
        w.WriteString("state", CampaignNames.State(device.State));
        if (device.FailureReason == DeviceFailureReason.None)
        {
            w.WriteNull("failure_reason");
        }
        else
        {
            w.WriteString("failure_reason", CampaignNames.Reason(device.FailureReason));
        }

        w.WriteNumber("fragments_received", device.FragmentsReceived);
        if (device.FirmwareSha256 is string sha)
        {
            w.WriteString("firmware_sha256", sha);
        }
        else
        {
            w.WriteNull("firmware_sha256");
        }

        w.WriteString("firmware_version", device.FirmwareVersion);
        w.WriteStartObject("package_versions");
        WriteVersion(w, "ts003", device.ClockSyncVersion);
        WriteVersion(w, "ts004", device.FragmentationVersion);
        WriteVersion(w, "ts005", device.MulticastSetupVersion);
        w.WriteEndObject();
        w.WriteNumber("lwm2m_state", (int)device.Lwm2mState);
        w.WriteNumber("lwm2m_result", (int)device.Lwm2mResult);
        w.WriteStartArray("history");
        foreach (StateChange change in device.History)
        {
            w.WriteStartObject();
            w.WriteString("state", CampaignNames.State(change.State));
            w.WriteString("at", change.At);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter w, string name, PackageVersion? version)
    {
        if (version is PackageVersion v)
        {
            w.WriteNumber(name, (int)v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Server.Api;

/// <summary>
/// A campaign as the API reports it: the simulate report's fields (<c>devices</c>, <c>updated</c>, <c>failed</c>,
/// <c>fragments_sent</c>, <c>device_results</c> with <c>state</c>, <c>failure_reason</c>, <c>firmware_sha256</c>,
/// <c>history</c> …) plus the campaign's own (<c>id</c>, <c>state</c>, <c>state_counts</c> …), read from the store.
/// </summary>
internal sealed record CampaignReport(StoredCampaign Campaign, StoredPackage? Package, IReadOnlyList<DeviceRecord> Devices, IReadOnlyList<DeviceHistoryEntry> History, int FragmentsSent)
{
    public static async Task<CampaignReport?> ReadAsync(IFuotaStore store, Guid id, CancellationToken cancellationToken)
    {
        return await store.GetCampaignAsync(id, cancellationToken).ConfigureAwait(false) is StoredCampaign campaign
            ? await ReadAsync(store, campaign, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The report of a campaign already read: its package, devices, history and deliveries.</summary>
    public static async Task<CampaignReport> ReadAsync(IFuotaStore store, StoredCampaign campaign, CancellationToken cancellationToken)
    {
        Guid id = campaign.Id;
        StoredPackage? package = await store.GetPackageAsync(campaign.PackageId, cancellationToken: cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DeviceRecord> devices = await store.GetDevicesAsync(id, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DeviceHistoryEntry> history = await store.GetHistoryAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        int fragments = (await store.GetFragmentsAsync(id, cancellationToken).ConfigureAwait(false)).Count;
        return new CampaignReport(campaign, package, devices, history, fragments);
    }

    public static string StateName(CampaignState state) => state switch
    {
        CampaignState.Completed => "completed",
        CampaignState.Cancelled => "cancelled",
        _ => "running",
    };

    public string ToJson() => ApiJson.Object(w =>
    {
        WriteSummary(w, Campaign, Devices);
        w.WriteNumber("fragments_sent", FragmentsSent);
        ApiJson.Nullable(w, "image_sha256", Package?.Sha256);
        w.WriteNumber("revision", Campaign.Revision);
        w.WritePropertyName("parameters");
        w.WriteRawValue(Campaign.Parameters); // written by CampaignFactory: valid JSON
        w.WriteStartArray("device_results");
        foreach (DeviceRecord device in Devices)
        {
            WriteDevice(w, device);
        }

        w.WriteEndArray();
    });

    public static void WriteSummary(Utf8JsonWriter w, StoredCampaign campaign, IReadOnlyList<DeviceRecord> devices) =>
        WriteSummary(w, campaign, devices.CountBy(d => d.State).ToDictionary());

    /// <summary>The summary from the number of devices in each state.</summary>
    public static void WriteSummary(Utf8JsonWriter w, StoredCampaign campaign, IReadOnlyDictionary<OtaState, int> counts)
    {
        w.WriteString("id", campaign.Id);
        w.WriteString("name", campaign.Name);
        w.WriteString("state", StateName(campaign.State));
        w.WriteBoolean("cancel_requested", campaign.CancelRequested);
        w.WriteString("package_id", campaign.PackageId);
        w.WriteString("created_at", campaign.CreatedAt);
        ApiJson.Nullable(w, "origin", campaign.Origin);
        ApiJson.Nullable(w, "ended_at", campaign.EndedAt);
        w.WriteBoolean("completed", campaign.State == CampaignState.Completed);
        w.WriteBoolean("cancelled", campaign.State == CampaignState.Cancelled);
        w.WriteNumber("devices", counts.Values.Sum());
        w.WriteNumber("updated", counts.GetValueOrDefault(OtaState.Updated));
        w.WriteNumber("failed", counts.GetValueOrDefault(OtaState.Failed));
        w.WriteStartObject("state_counts");
        foreach (OtaState state in Enum.GetValues<OtaState>())
        {
            w.WriteNumber(CampaignNames.State(state), counts.GetValueOrDefault(state));
        }

        w.WriteEndObject();
    }

    public void WriteDevice(Utf8JsonWriter w, DeviceRecord device)
    {
        w.WriteStartObject();
        w.WriteString("dev_eui", device.DevEui.ToString());
        w.WriteString("state", CampaignNames.State(device.State));
        ApiJson.Nullable(w, "failure_reason", device.FailureReason == DeviceFailureReason.None ? null : CampaignNames.Reason(device.FailureReason));
        if (device.FragmentsReceived is int fragments)
        {
            w.WriteNumber("fragments_received", fragments);
        }
        else
        {
            w.WriteNull("fragments_received");
        }

        // Updated means the device verified the block (TS004 MIC, the package's SHA-256 or signature) and reports
        // the package's version: it runs exactly the package's bytes.
        ApiJson.Nullable(w, "firmware_sha256", device.State == OtaState.Updated ? Package?.Sha256 : null);
        ApiJson.Nullable(w, "firmware_version", device.FirmwareVersion);
        w.WriteNumber("lwm2m_state", (int)Lwm2mFirmwareUpdate.GetState(device.State));
        w.WriteNumber("lwm2m_result", (int)Lwm2mFirmwareUpdate.GetResult(device.State, device.FailureReason));
        w.WriteString("updated_at", device.UpdatedAt);
        w.WriteStartArray("history");
        foreach (DeviceHistoryEntry change in History.Where(h => h.DevEui == device.DevEui))
        {
            WriteChange(w, change);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteChange(Utf8JsonWriter w, DeviceHistoryEntry change)
    {
        w.WriteStartObject();
        w.WriteString("state", CampaignNames.State(change.State));
        ApiJson.Nullable(w, "reason", change.Reason == DeviceFailureReason.None ? null : CampaignNames.Reason(change.Reason));
        w.WriteString("at", change.At);
        w.WriteEndObject();
    }
}

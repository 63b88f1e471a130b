using LoRaFuota.TheThingsStack.Messages;

namespace LoRaFuota.TheThingsStack.Mqtt;

/// <summary>The Things Stack's v3 MQTT topics: <c>v3/{application uid}/devices/{device id}/...</c>.</summary>
public static class TtsTopics
{
    /// <summary>The application's id on the MQTT server: <c>{application id}@{tenant id}</c>, or the bare id without a tenant.</summary>
    /// <param name="applicationId">The application id.</param>
    /// <param name="tenantId">The tenant id, or null.</param>
    /// <returns>The application uid.</returns>
    public static string ApplicationUid(string applicationId, string? tenantId) =>
        tenantId is null ? applicationId : applicationId + "@" + tenantId;

    /// <summary>The uplink topic of a device.</summary>
    /// <param name="applicationUid">The application uid.</param>
    /// <param name="deviceId">The device id (not the DevEUI).</param>
    /// <returns>The topic.</returns>
    public static string Uplink(string applicationUid, string deviceId) => Device(applicationUid, deviceId) + "/up";

    /// <summary>A downlink event topic of a device: <c>down/queued</c>, <c>sent</c>, <c>failed</c>, <c>ack</c>, <c>nack</c>.</summary>
    /// <param name="applicationUid">The application uid.</param>
    /// <param name="deviceId">The device id.</param>
    /// <param name="kind">The event.</param>
    /// <returns>The topic.</returns>
    public static string DownlinkEvent(string applicationUid, string deviceId, TtsDownlinkEventKind kind) =>
        Device(applicationUid, deviceId) + "/down/" + kind.ToString().ToLowerInvariant();

    /// <summary>The topic that appends downlinks to a device's queue.</summary>
    /// <param name="applicationUid">The application uid.</param>
    /// <param name="deviceId">The device id.</param>
    /// <returns>The topic.</returns>
    public static string Push(string applicationUid, string deviceId) => Device(applicationUid, deviceId) + "/down/push";

    /// <summary>The topic that replaces a device's queue (an empty list clears it).</summary>
    /// <param name="applicationUid">The application uid.</param>
    /// <param name="deviceId">The device id.</param>
    /// <returns>The topic.</returns>
    public static string Replace(string applicationUid, string deviceId) => Device(applicationUid, deviceId) + "/down/replace";

    /// <summary>The filter for every device's uplinks.</summary>
    /// <param name="applicationUid">The application uid.</param>
    /// <returns>The filter.</returns>
    public static string Uplinks(string applicationUid) => "v3/" + applicationUid + "/devices/+/up";

    /// <summary>The filter for every device's downlink events (and push/replace, which the server reads).</summary>
    /// <param name="applicationUid">The application uid.</param>
    /// <returns>The filter.</returns>
    public static string DownlinkEvents(string applicationUid) => "v3/" + applicationUid + "/devices/+/down/+";

    /// <summary>Splits a v3 device topic into the application uid, the device id and what follows (<c>up</c>, <c>down/sent</c>...).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="applicationUid">The application uid.</param>
    /// <param name="deviceId">The device id.</param>
    /// <param name="suffix">The rest after the device id.</param>
    /// <returns>Whether the topic is a v3 device topic.</returns>
    public static bool TryParse(string topic, out string applicationUid, out string deviceId, out string suffix)
    {
        ArgumentNullException.ThrowIfNull(topic);
        string[] parts = topic.Split('/');
        applicationUid = deviceId = suffix = "";
        if (parts.Length is < 5 or > 6 || parts[0] != "v3" || parts[2] != "devices" || parts[1].Length == 0 || parts[3].Length == 0)
        {
            return false;
        }

        applicationUid = parts[1];
        deviceId = parts[3];
        suffix = string.Join('/', parts[4..]);
        return true;
    }

    /// <summary>Whether an id follows The Things Stack's rule: 2 to 36 lower-case letters, digits and single dashes, not starting or ending with a dash.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsIdentifier(string? id) =>
        id is { Length: >= 2 and <= 36 } && id[0] != '-' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal)
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static string Device(string applicationUid, string deviceId) => "v3/" + applicationUid + "/devices/" + deviceId;
}

namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>
/// ChirpStack v4's default MQTT topics: events on <c>application/{application_id}/device/{dev_eui}/event/{event}</c>,
/// commands on <c>application/{application_id}/device/{dev_eui}/command/{command}</c>. The application id is its UUID;
/// DevEUIs are lowercase hex (ChirpStack compares the command's DevEUI with the topic's as strings).
/// </summary>
public static class ChirpStackTopics
{
    private const string Application = "application/";
    private const string Device = "/device/";
    private const string EventPart = "/event/";

    /// <summary>The topic ChirpStack publishes <paramref name="eventName"/> of a device on.</summary>
    /// <param name="applicationId">The application's UUID.</param>
    /// <param name="devEui">The device.</param>
    /// <param name="eventName"><c>up</c>, <c>join</c>, <c>ack</c>, <c>txack</c>, <c>log</c>, <c>status</c> or <c>location</c>.</param>
    /// <returns>The topic.</returns>
    public static string Event(string applicationId, DevEui devEui, string eventName) =>
        Application + applicationId + Device + devEui.ToString() + EventPart + eventName;

    /// <summary>The topic that enqueues a unicast downlink for a device.</summary>
    /// <param name="applicationId">The application's UUID.</param>
    /// <param name="devEui">The device.</param>
    /// <returns><c>application/{id}/device/{deveui}/command/down</c>.</returns>
    public static string Down(string applicationId, DevEui devEui) => Application + applicationId + Device + devEui.ToString() + "/command/down";

    /// <summary>
    /// The filter for every event of every device of an application; with <paramref name="shareName"/>, as a shared
    /// subscription (<c>$share/{name}/...</c>) so several engine instances split the events between them.
    /// </summary>
    /// <param name="applicationId">The application's UUID, or <c>+</c> for every application.</param>
    /// <param name="shareName">The share group; use one of your own, not ChirpStack's <c>chirpstack</c>.</param>
    /// <returns>The topic filter.</returns>
    public static string Events(string applicationId, string? shareName = null)
    {
        string filter = Application + applicationId + Device + "+" + EventPart + "+";
        return shareName is null ? filter : "$share/" + shareName + "/" + filter;
    }

    /// <summary>Splits an event topic into its application, device and event.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="applicationId">The application id.</param>
    /// <param name="devEui">The device.</param>
    /// <param name="eventName">The event.</param>
    /// <returns><see langword="true"/> when <paramref name="topic"/> is an event topic with a valid DevEUI.</returns>
    public static bool TryParseEvent(string topic, out string applicationId, out DevEui devEui, out string eventName)
    {
        applicationId = eventName = string.Empty;
        devEui = default;
        if (topic is null || !topic.StartsWith(Application, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = topic.Split('/');
        if (parts.Length != 6 || parts[2] != "device" || parts[4] != "event" || parts[1].Length == 0 || parts[5].Length == 0
            || !DevEui.TryParse(parts[3], out devEui))
        {
            return false;
        }

        applicationId = parts[1];
        eventName = parts[5];
        return true;
    }
}

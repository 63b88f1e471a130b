using LoRaFuota.Emulation.DryRun;

namespace LoRaFuota.Cli;

/// <summary>An MQTT broker given as <c>mqtt://[user:password@]host:port</c>.</summary>
/// <param name="Host">The host.</param>
/// <param name="Port">The port.</param>
/// <param name="Username">The user, or null.</param>
/// <param name="Password">The password, or null.</param>
internal sealed record CliBroker(string Host, int Port, string? Username, string? Password)
{
    public static CliBroker Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme != "mqtt" || uri.Port is < 1 or > 65535)
        {
            throw new CliUsageException($"--broker '{text}' is not mqtt://[user:password@]host:port.");
        }

        string[] credentials = uri.UserInfo.Length == 0 ? [] : Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        return new CliBroker(uri.Host, uri.Port, credentials.Length > 0 ? credentials[0] : null, credentials.Length > 1 ? credentials[1] : null);
    }

    public static NetworkServerDialect Dialect(string name) => name == "tts" ? NetworkServerDialect.TheThingsStack : NetworkServerDialect.ChirpStack;

    /// <summary>Whether an exception is the broker refusing or not answering (a one-line error, not a crash).</summary>
    public static bool IsRefusal(Exception ex) =>
        ex is ChirpStack.Mqtt.ChirpStackConnectionException or TheThingsStack.Mqtt.TtsConnectionException
            or MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or TimeoutException;
}

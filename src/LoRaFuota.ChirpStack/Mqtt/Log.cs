using Microsoft.Extensions.Logging;

namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>The MQTT client's log messages; no payloads, keys or passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Connected to the MQTT broker {Host}:{Port} as {ClientId} (session present: {SessionPresent}), subscribed to {Filter}")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, bool sessionPresent, string filter);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Lost the MQTT broker connection ({Reason}); reconnecting")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} failed; next in {Delay}")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Ignored a {EventName} event on {Topic}: {Reason}")]
    public static partial void EventIgnored(ILogger logger, string eventName, string topic, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Dropped a redelivered up event {DeduplicationId}")]
    public static partial void Duplicate(ILogger logger, string deduplicationId);
}

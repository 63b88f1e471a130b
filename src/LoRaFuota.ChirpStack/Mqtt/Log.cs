using Microsoft.Extensions.Logging;

namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>The MQTT client's log messages; no payloads, keys or passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Ignored a {EventName} event on {Topic}: {Reason}")]
    public static partial void EventIgnored(ILogger logger, string eventName, string topic, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Dropped a redelivered up event {DeduplicationId}")]
    public static partial void Duplicate(ILogger logger, string deduplicationId);
}

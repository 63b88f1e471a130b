using Microsoft.Extensions.Logging;

namespace LoRaFuota.TheThingsStack.Mqtt;

/// <summary>The MQTT client's log messages; no payloads, keys or API keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Ignored a message on {Topic}: {Reason}")]
    public static partial void MessageIgnored(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Dropped a repeated uplink {UplinkId}")]
    public static partial void Duplicate(ILogger logger, string uplinkId);
}

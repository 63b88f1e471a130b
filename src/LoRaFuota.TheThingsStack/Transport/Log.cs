using Microsoft.Extensions.Logging;

namespace LoRaFuota.TheThingsStack.Transport;

/// <summary>The transport's log messages; no payloads or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Created multicast pseudo-device {DeviceId} for group {Group} with {Devices} devices")]
    public static partial void GroupCreated(ILogger logger, string deviceId, int group, int devices);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "The Things Stack failed a downlink to {DeviceId} ({CorrelationId}): {Error}")]
    public static partial void DownlinkFailed(ILogger logger, string deviceId, string correlationId, string error);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Could not push a multicast frame to {DeviceId}")]
    public static partial void PushFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 214, Level = LogLevel.Debug, Message = "The Things Stack gave frame {CorrelationId} counter {Assigned}; the campaign planned {Planned}")]
    public static partial void CounterDiffers(ILogger logger, string correlationId, uint assigned, uint planned);
}

using Microsoft.Extensions.Logging;

namespace LoRaFuota.ChirpStack.Transport;

/// <summary>The transport's log messages; no payloads or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Created multicast group {Group} as ChirpStack group {Id} with {Devices} devices")]
    public static partial void GroupCreated(ILogger logger, int group, string id, int devices);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "ChirpStack gave multicast group {Group} frame counter {Assigned} where the campaign expected {Expected}")]
    public static partial void CounterDiffers(ILogger logger, int group, uint expected, uint assigned);
}

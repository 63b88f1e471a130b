using LoRaFuota.Campaigns;
using Microsoft.Extensions.Logging;

namespace LoRaFuota.Hosting;

/// <summary>The runner's log messages. Payloads, keys and tokens are never logged; commands are named, not dumped.</summary>
internal static partial class Log
{
    public const int CampaignStartedId = 1;
    public const int CampaignCompletedId = 2;
    public const int SessionScheduledId = 3;
    public const int DeviceStateChangedId = 4;
    public const int ActionFailedId = 5;
    public const int TransportFailedId = 6;
    public const int UplinkRejectedId = 7;
    public const int CancelRequestedId = 8;
    public const int UplinkStreamEndedId = 9;

    [LoggerMessage(EventId = CampaignStartedId, EventName = "CampaignStarted", Level = LogLevel.Information,
        Message = "Campaign {Campaign} started: {Devices} devices, target version {Version}")]
    public static partial void CampaignStarted(this ILogger logger, string campaign, int devices, string version);

    [LoggerMessage(EventId = CampaignCompletedId, EventName = "CampaignCompleted", Level = LogLevel.Information,
        Message = "Campaign {Campaign} completed: {Updated} updated, {Failed} failed, cancelled {Cancelled}")]
    public static partial void CampaignCompleted(this ILogger logger, string campaign, int updated, int failed, bool cancelled);

    [LoggerMessage(EventId = SessionScheduledId, EventName = "SessionScheduled", Level = LogLevel.Information,
        Message = "Campaign {Campaign} group {Group}: {Devices} devices, session {SessionStart:O} to {SessionEnd:O}")]
    public static partial void SessionScheduled(this ILogger logger, string campaign, int group, int devices, DateTimeOffset sessionStart, DateTimeOffset sessionEnd);

    [LoggerMessage(EventId = DeviceStateChangedId, EventName = "DeviceStateChanged", Level = LogLevel.Debug,
        Message = "Campaign {Campaign} device {DevEui}: {From} -> {To} ({Reason})")]
    public static partial void DeviceStateChanged(this ILogger logger, string campaign, DevEui devEui, OtaState from, OtaState to, DeviceFailureReason reason);

    [LoggerMessage(EventId = ActionFailedId, EventName = "ActionFailed", Level = LogLevel.Warning,
        Message = "Campaign {Campaign}: the network server refused {Action}: {Error}")]
    public static partial void ActionFailed(this ILogger logger, string campaign, string action, string error);

    [LoggerMessage(EventId = TransportFailedId, EventName = "TransportFailed", Level = LogLevel.Warning,
        Message = "Campaign {Campaign}: {Action} failed in the transport")]
    public static partial void TransportFailed(this ILogger logger, string campaign, string action, Exception exception);

    [LoggerMessage(EventId = UplinkRejectedId, EventName = "UplinkRejected", Level = LogLevel.Debug,
        Message = "Campaign {Campaign} device {DevEui} FPort {FPort}: uplink not used: {Reason}")]
    public static partial void UplinkRejected(this ILogger logger, string campaign, DevEui devEui, byte fPort, string reason);

    [LoggerMessage(EventId = CancelRequestedId, EventName = "CancelRequested", Level = LogLevel.Information,
        Message = "Campaign {Campaign}: cancel requested")]
    public static partial void CancelRequested(this ILogger logger, string campaign);

    [LoggerMessage(EventId = UplinkStreamEndedId, EventName = "UplinkStreamEnded", Level = LogLevel.Warning,
        Message = "Campaign {Campaign}: the transport's uplink stream ended")]
    public static partial void UplinkStreamEnded(this ILogger logger, string campaign, Exception? exception);
}

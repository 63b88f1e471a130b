using Google.Protobuf;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Protocol.Integration;

namespace LoRaFuota.ChirpStack.Events;

/// <summary>
/// Reads ChirpStack v4 integration events (JSON or protobuf) into <see cref="ChirpStackUplink"/> and
/// <see cref="ChirpStackOutcome"/>. Malformed events from the broker are normal: they return false with a reason.
/// </summary>
public static class ChirpStackEvents
{
    private static readonly JsonParser s_json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Reads an <c>up</c> event.</summary>
    /// <param name="body">The MQTT payload.</param>
    /// <param name="encoding">How the integration encodes events.</param>
    /// <param name="uplink">The uplink, or null.</param>
    /// <param name="error">Why the event was not read, or null.</param>
    /// <returns><see langword="true"/> if the event is an uplink with a device and a deduplication id.</returns>
    public static bool TryReadUplink(ReadOnlySpan<byte> body, ChirpStackEncoding encoding, out ChirpStackUplink? uplink, out string? error)
    {
        uplink = null;
        if (!TryParse(body, encoding, UplinkEvent.Parser, out UplinkEvent? up, out error))
        {
            return false;
        }

        if (!TryDevice(up!.DeviceInfo, out DevEui devEui, out error))
        {
            return false;
        }

        if (up.FPort > byte.MaxValue || up.DeduplicationId.Length == 0)
        {
            error = up.DeduplicationId.Length == 0 ? "the up event has no deduplicationId" : $"fPort {up.FPort} is not an FPort";
            return false;
        }

        Protocol.Gateway.UplinkRxInfo? first = up.RxInfo.Count > 0 ? up.RxInfo[0] : null;
        uplink = new ChirpStackUplink
        {
            DeduplicationId = up.DeduplicationId,
            ApplicationId = up.DeviceInfo.ApplicationId,
            DevEui = devEui,
            FPort = (byte)up.FPort,
            Payload = up.Data.ToByteArray(),
            FCnt = up.FCnt,
            EventTime = up.Time?.ToDateTimeOffset(),
            TimeSinceGpsEpoch = first?.TimeSinceGpsEpoch?.ToTimeSpan(),
            GatewayTime = first?.GwTime?.ToDateTimeOffset(),
            NetworkServerTime = first?.NsTime?.ToDateTimeOffset(),
            Receptions = [.. up.RxInfo.Select(r => new ChirpStackReception(r.GatewayId, r.Rssi, r.Snr))],
        };
        return true;
    }

    /// <summary>Reads a <c>txack</c>, <c>ack</c> or <c>log</c> event.</summary>
    /// <param name="eventName">The event name from the topic.</param>
    /// <param name="body">The MQTT payload.</param>
    /// <param name="encoding">How the integration encodes events.</param>
    /// <param name="outcome">The outcome, or null.</param>
    /// <param name="error">Why the event was not read, or null.</param>
    /// <returns><see langword="true"/> if the event was one of the three and named a device.</returns>
    public static bool TryReadOutcome(string eventName, ReadOnlySpan<byte> body, ChirpStackEncoding encoding, out ChirpStackOutcome? outcome, out string? error)
    {
        outcome = null;
        error = null;
        switch (eventName)
        {
            case "txack" when TryParse(body, encoding, TxAckEvent.Parser, out TxAckEvent? tx, out error) && TryDevice(tx!.DeviceInfo, out DevEui eui, out error):
                outcome = new ChirpStackOutcome
                {
                    Kind = ChirpStackOutcomeKind.TransmitAcknowledged, DevEui = eui, QueueItemId = Text(tx.QueueItemId), FCntDown = tx.FCntDown, EventTime = tx.Time?.ToDateTimeOffset(),
                };
                return true;
            case "ack" when TryParse(body, encoding, AckEvent.Parser, out AckEvent? ack, out error) && TryDevice(ack!.DeviceInfo, out DevEui eui, out error):
                outcome = new ChirpStackOutcome
                {
                    Kind = ack.Acknowledged ? ChirpStackOutcomeKind.Acknowledged : ChirpStackOutcomeKind.NotAcknowledged,
                    DevEui = eui, QueueItemId = Text(ack.QueueItemId), FCntDown = ack.FCntDown, EventTime = ack.Time?.ToDateTimeOffset(),
                };
                return true;
            case "log" when TryParse(body, encoding, LogEvent.Parser, out LogEvent? log, out error) && TryDevice(log!.DeviceInfo, out DevEui eui, out error):
                outcome = new ChirpStackOutcome
                {
                    Kind = ChirpStackOutcomeKind.Logged, DevEui = eui, Code = ProtoName(LogCodeReflection, (int)log.Code), Level = ProtoName(LogLevelReflection, (int)log.Level),
                    Description = log.Description, QueueItemId = log.Context.TryGetValue("queue_item_id", out string? id) ? id : null,
                    EventTime = log.Time?.ToDateTimeOffset(),
                };
                return true;
            case "txack" or "ack" or "log":
                error ??= $"the {eventName} event could not be read";
                return false;
            default:
                error = $"\"{eventName}\" is not a downlink outcome event";
                return false;
        }
    }

    private static bool TryParse<T>(ReadOnlySpan<byte> body, ChirpStackEncoding encoding, MessageParser<T> parser, out T? message, out string? error)
        where T : class, IMessage<T>, new()
    {
        message = null;
        error = null;
        try
        {
            message = encoding == ChirpStackEncoding.Json ? s_json.Parse<T>(System.Text.Encoding.UTF8.GetString(body)) : parser.ParseFrom(body);
            return true;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException)
        {
            error = $"not a ChirpStack {typeof(T).Name}: {ex.Message}";
            return false;
        }
    }

    private static bool TryDevice(DeviceInfo? info, out DevEui devEui, out string? error)
    {
        devEui = default;
        error = null;
        if (info is null || !DevEui.TryParse(info.DevEui, out devEui))
        {
            error = "the event has no deviceInfo.devEui of 16 hex digits";
            return false;
        }

        return true;
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static Google.Protobuf.Reflection.EnumDescriptor LogCodeReflection => IntegrationReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("LogCode");

    private static Google.Protobuf.Reflection.EnumDescriptor LogLevelReflection => IntegrationReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("LogLevel");

    // The name as ChirpStack writes it (DOWNLINK_PAYLOAD_SIZE), or the number for a value this subset does not know.
    private static string ProtoName(Google.Protobuf.Reflection.EnumDescriptor type, int value) =>
        type.FindValueByNumber(value)?.Name ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

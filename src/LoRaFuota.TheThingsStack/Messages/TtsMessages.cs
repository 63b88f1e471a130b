using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace LoRaFuota.TheThingsStack.Messages;

/// <summary>
/// The Things Stack's MQTT JSON (proto field names, snake_case): uplinks and downlink events read, pushes written.
/// Reading never throws on what the server sends: a message that cannot be used comes back as an error text.
/// </summary>
public static class TtsMessages
{
    /// <summary>Reads an <c>up</c> message.</summary>
    /// <param name="json">The message body.</param>
    /// <param name="uplink">The uplink, when readable.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadUplink(ReadOnlySpan<byte> json, out TtsUplink? uplink, out string? error)
    {
        try
        {
            return ReadUplink(json, out uplink, out error);
        }
        catch (InvalidOperationException)
        {
            uplink = null;
            error = "a string is not valid UTF-8";
            return false;
        }
    }

    /// <summary>Reads a <c>down/{kind}</c> message.</summary>
    /// <param name="kind">The event, from the topic.</param>
    /// <param name="json">The message body.</param>
    /// <param name="downlinkEvent">The event, when readable.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadDownlinkEvent(TtsDownlinkEventKind kind, ReadOnlySpan<byte> json, out TtsDownlinkEvent? downlinkEvent, out string? error)
    {
        try
        {
            return ReadDownlinkEvent(kind, json, out downlinkEvent, out error);
        }
        catch (InvalidOperationException)
        {
            downlinkEvent = null;
            error = "a string is not valid UTF-8";
            return false;
        }
    }

    private static bool ReadUplink(ReadOnlySpan<byte> json, out TtsUplink? uplink, out string? error)
    {
        uplink = null;
        if (!TryParse(json, out JsonDocument? document, out error))
        {
            return false;
        }

        using (document)
        {
            JsonElement root = document!.RootElement;
            if (!root.TryGetProperty("uplink_message", out JsonElement message) || message.ValueKind != JsonValueKind.Object)
            {
                error = "no uplink_message";
                return false;
            }

            if (!TryReadDevice(root, out string? deviceId, out DevEui? devEui, out error))
            {
                return false;
            }

            long fPort = Number(message, "f_port");
            if (fPort is < 0 or > 255)
            {
                error = "f_port out of range";
                return false;
            }

            byte[] payload;
            try
            {
                payload = message.TryGetProperty("frm_payload", out JsonElement data) && data.ValueKind == JsonValueKind.String ? data.GetBytesFromBase64() : [];
            }
            catch (FormatException)
            {
                error = "frm_payload is not base64";
                return false;
            }

            uint fCnt = (uint)Math.Clamp(Number(message, "f_cnt"), 0, uint.MaxValue);
            (DateTimeOffset? gps, DateTimeOffset? gateway) = GatewayTimes(message);
            string uplinkId = CorrelationIds(root).FirstOrDefault(c => c.StartsWith("as:up:", StringComparison.Ordinal))
                ?? string.Create(CultureInfo.InvariantCulture, $"{deviceId}/{Text(message, "session_key_id")}/{fCnt}");
            uplink = new TtsUplink(deviceId!, devEui, (byte)fPort, fCnt, payload, gps, gateway, Time(message, "received_at"), Time(root, "received_at"), uplinkId);
            return true;
        }
    }

    private static bool ReadDownlinkEvent(TtsDownlinkEventKind kind, ReadOnlySpan<byte> json, out TtsDownlinkEvent? downlinkEvent, out string? error)
    {
        downlinkEvent = null;
        if (!TryParse(json, out JsonDocument? document, out error))
        {
            return false;
        }

        using (document)
        {
            JsonElement root = document!.RootElement;
            if (!TryReadDevice(root, out string? deviceId, out _, out error))
            {
                return false;
            }

            string member = "downlink_" + kind.ToString().ToLowerInvariant();
            if (!root.TryGetProperty(member, out JsonElement body) || body.ValueKind != JsonValueKind.Object)
            {
                error = "no " + member;
                return false;
            }

            JsonElement downlink = kind == TtsDownlinkEventKind.Failed && body.TryGetProperty("downlink", out JsonElement inner) ? inner : body;
            uint? fCnt = downlink.TryGetProperty("f_cnt", out JsonElement counter) && counter.ValueKind == JsonValueKind.Number && counter.TryGetUInt32(out uint value) ? value : null;
            string? failure = kind == TtsDownlinkEventKind.Failed ? FailureText(body) : null;
            downlinkEvent = new TtsDownlinkEvent(kind, deviceId!, [.. CorrelationIds(downlink), .. CorrelationIds(root)], fCnt, failure);
            return true;
        }
    }

    /// <summary>Writes the body of a <c>down/push</c> or <c>down/replace</c>: <c>{"downlinks": [...]}</c>.</summary>
    /// <param name="downlinks">The downlinks, in queue order.</param>
    /// <returns>The UTF-8 JSON.</returns>
    /// <exception cref="ArgumentException">An FPort is outside 1 to 233.</exception>
    public static byte[] Push(IEnumerable<TtsDownlink> downlinks)
    {
        ArgumentNullException.ThrowIfNull(downlinks);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("downlinks");
            foreach (TtsDownlink downlink in downlinks)
            {
                WriteDownlink(writer, downlink);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON name of a priority (<c>HIGH</c>, <c>BELOW_NORMAL</c>...).</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>The enum string.</returns>
    public static string PriorityName(TtsPriority priority) => priority switch
    {
        TtsPriority.Lowest => "LOWEST",
        TtsPriority.Low => "LOW",
        TtsPriority.BelowNormal => "BELOW_NORMAL",
        TtsPriority.Normal => "NORMAL",
        TtsPriority.AboveNormal => "ABOVE_NORMAL",
        TtsPriority.High => "HIGH",
        TtsPriority.Highest => "HIGHEST",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Not a TxSchedulePriority."),
    };

    /// <summary>Formats a time as the server does: RFC 3339 in UTC with 9 fractional digits.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    /// <summary>Reads an RFC 3339 time with any number of fractional digits (the server writes up to 9).</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time.</param>
    /// <returns>Whether it was a time.</returns>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            string fraction = text[(dot + 1)..end];
            text = text[..dot] + (fraction.Length == 0 ? "" : "." + (fraction.Length > 7 ? fraction[..7] : fraction)) + text[end..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static void WriteDownlink(Utf8JsonWriter writer, TtsDownlink downlink)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        if (downlink.FPort is < 1 or > 233)
        {
            throw new ArgumentException($"FPort {downlink.FPort} cannot be scheduled: The Things Stack takes 1 to 233.", nameof(downlink));
        }

        writer.WriteStartObject();
        writer.WriteNumber("f_port", downlink.FPort);
        writer.WriteBase64String("frm_payload", downlink.Payload.Span);
        writer.WriteString("priority", PriorityName(downlink.Priority));
        if (downlink.Confirmed)
        {
            writer.WriteBoolean("confirmed", true);
        }

        if (downlink.CorrelationIds.Count > 0)
        {
            writer.WriteStartArray("correlation_ids");
            foreach (string id in downlink.CorrelationIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        if (downlink.Gateways.Count > 0 || downlink.AbsoluteTime is not null)
        {
            writer.WriteStartObject("class_b_c");
            writer.WriteStartArray("gateways");
            foreach (string gateway in downlink.Gateways)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("gateway_ids");
                writer.WriteString("gateway_id", gateway);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (downlink.AbsoluteTime is DateTimeOffset at)
            {
                writer.WriteString("absolute_time", FormatTime(at));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static bool TryParse(ReadOnlySpan<byte> json, out JsonDocument? document, out string? error)
    {
        error = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
            error = "not a JSON object";
        }
        catch (JsonException ex)
        {
            error = "not JSON: " + ex.Message;
        }

        document = null;
        return false;
    }

    private static bool TryReadDevice(JsonElement root, out string? deviceId, out DevEui? devEui, out string? error)
    {
        deviceId = null;
        devEui = null;
        error = null;
        if (!root.TryGetProperty("end_device_ids", out JsonElement ids) || ids.ValueKind != JsonValueKind.Object || Text(ids, "device_id") is not string id || id.Length == 0)
        {
            error = "no end_device_ids.device_id";
            return false;
        }

        deviceId = id;
        if (Text(ids, "dev_eui") is string eui)
        {
            if (!DevEui.TryParse(eui, out DevEui parsed))
            {
                error = "end_device_ids.dev_eui is not a DevEUI";
                return false;
            }

            devEui = parsed;
        }

        return true;
    }

    private static (DateTimeOffset? Gps, DateTimeOffset? Gateway) GatewayTimes(JsonElement message)
    {
        DateTimeOffset? gps = null, gateway = null;
        if (message.TryGetProperty("rx_metadata", out JsonElement metadata) && metadata.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement rx in metadata.EnumerateArray())
            {
                gps = Earliest(gps, Time(rx, "gps_time"));
                gateway = Earliest(gateway, Time(rx, "time"));
            }
        }

        return (gps, gateway);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string[] CorrelationIds(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("correlation_ids", out JsonElement ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToArray()
            : [];

    private static string FailureText(JsonElement failed)
    {
        if (!failed.TryGetProperty("error", out JsonElement error) || error.ValueKind != JsonValueKind.Object)
        {
            return "failed (no error given)";
        }

        string name = Text(error, "name") ?? "unknown";
        string? format = Text(error, "message_format");
        return format is null ? name : name + ": " + format;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Proto JSON writes 64-bit integers as strings and omits zeros.
    private static long Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out long n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long n) => n,
            _ => -1,
        };
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        TryParseTime(Text(element, name), out DateTimeOffset time) ? time : null;
}

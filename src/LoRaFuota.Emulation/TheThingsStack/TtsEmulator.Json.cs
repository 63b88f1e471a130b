using System.Buffers;
using System.Globalization;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.TheThingsStack.Messages;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <content>What the server publishes: <c>ApplicationUp</c> envelopes in proto JSON (snake_case, defaults omitted, 64-bit numbers as strings, 9 fractional digits).</content>
public sealed partial class TtsEmulator
{
    private byte[] UplinkJson(DeviceUplink uplink, uint fCnt, DateTimeOffset now) => Envelope(DeviceId(uplink.DevEui), uplink.DevEui, writer =>
    {
        writer.WriteString("received_at", TtsMessages.FormatTime(now));
        writer.WriteStartObject("uplink_message");
        writer.WriteString("session_key_id", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(uplink.DevEui.ToString())));
        if (uplink.FPort != 0)
        {
            writer.WriteNumber("f_port", uplink.FPort);
        }

        if (fCnt != 0)
        {
            writer.WriteNumber("f_cnt", fCnt);
        }

        writer.WriteBase64String("frm_payload", uplink.Payload.Span);
        writer.WriteStartArray("rx_metadata");
        writer.WriteStartObject();
        writer.WriteStartObject("gateway_ids");
        writer.WriteString("gateway_id", _options.GatewayId);
        writer.WriteEndObject();
        writer.WriteString("time", TtsMessages.FormatTime(uplink.ReceivedAt));
        writer.WriteNumber("timestamp", (uint)(uplink.ReceivedAt.UtcTicks / 10 % uint.MaxValue));
        if (_options.GpsGateway)
        {
            writer.WriteString("gps_time", TtsMessages.FormatTime(uplink.ReceivedAt));
        }

        writer.WriteNumber("rssi", -90);
        writer.WriteNumber("channel_rssi", -90);
        writer.WriteNumber("snr", 7.5);
        writer.WriteString("received_at", TtsMessages.FormatTime(uplink.ReceivedAt));
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("settings");
        writer.WriteStartObject("data_rate");
        writer.WriteStartObject("lora");
        writer.WriteNumber("bandwidth", 125000);
        writer.WriteNumber("spreading_factor", 7);
        writer.WriteString("coding_rate", "4/5");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("frequency", "868100000");
        writer.WriteEndObject();
        writer.WriteString("received_at", TtsMessages.FormatTime(uplink.ReceivedAt));
        writer.WriteEndObject();
    }, "as:up:" + NextId().ToString("D12", CultureInfo.InvariantCulture));

    // down/queued, down/sent (an ApplicationDownlink) and down/failed ({downlink, error}).
    private byte[] DownlinkEventJson(string deviceId, DevEui? devEui, TtsDownlinkEventKind kind, PushedDownlink downlink, uint? fCnt, string? error) => Envelope(deviceId, devEui, writer =>
    {
        writer.WriteString("received_at", TtsMessages.FormatTime(Time.GetUtcNow()));
        writer.WriteStartObject("downlink_" + kind.ToString().ToLowerInvariant());
        if (kind == TtsDownlinkEventKind.Failed)
        {
            writer.WriteStartObject("downlink");
        }

        writer.WriteNumber("f_port", downlink.FPort);
        if (fCnt is uint counter and > 0)
        {
            writer.WriteNumber("f_cnt", counter);
        }

        writer.WriteBase64String("frm_payload", downlink.Payload);
        writer.WriteString("priority", downlink.Priority);
        writer.WriteStartArray("correlation_ids");
        foreach (string id in downlink.CorrelationIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        if (kind == TtsDownlinkEventKind.Failed)
        {
            writer.WriteEndObject();
            writer.WriteStartObject("error");
            writer.WriteString("namespace", "pkg/networkserver");
            writer.WriteString("name", error!.Split(':')[0]);
            writer.WriteString("message_format", error);
            writer.WriteNumber("code", 3);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }, "as:downlink:" + NextId().ToString("D12", CultureInfo.InvariantCulture));

    private byte[] Envelope(string deviceId, DevEui? devEui, Action<Utf8JsonWriter> body, string correlationId)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("end_device_ids");
            writer.WriteString("device_id", deviceId);
            writer.WriteStartObject("application_ids");
            writer.WriteString("application_id", _options.ApplicationId);
            writer.WriteEndObject();
            if (devEui is DevEui eui)
            {
                writer.WriteString("dev_eui", eui.ToString().ToUpperInvariant());
            }

            writer.WriteEndObject();
            writer.WriteStartArray("correlation_ids");
            writer.WriteStringValue(correlationId);
            writer.WriteEndArray();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

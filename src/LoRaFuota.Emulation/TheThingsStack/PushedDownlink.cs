using System.Text.Json;
using LoRaFuota.TheThingsStack.Messages;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <summary>One <c>ApplicationDownlink</c> of a push, as the server reads it.</summary>
internal sealed record PushedDownlink(int FPort, byte[] Payload, string Priority, string[] CorrelationIds, bool ClassBC, string[] Gateways, DateTimeOffset? AbsoluteTime, bool Confirmed)
{
    /// <summary>Reads <c>{"downlinks": [...]}</c>; null with the reason when the server would refuse to decode it.</summary>
    public static List<PushedDownlink>? Read(byte[] body, out string? error)
    {
        error = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("downlinks", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                error = "no downlinks array";
                return null;
            }

            var downlinks = new List<PushedDownlink>();
            foreach (JsonElement item in list.EnumerateArray())
            {
                downlinks.Add(ReadOne(item));
            }

            return downlinks;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            error = "not decodable: " + ex.Message;
            return null;
        }
    }

    private static PushedDownlink ReadOne(JsonElement item)
    {
        int fPort = item.TryGetProperty("f_port", out JsonElement port) ? port.GetInt32() : 0;
        byte[] payload = item.TryGetProperty("frm_payload", out JsonElement data) ? data.GetBytesFromBase64() : [];
        string priority = item.TryGetProperty("priority", out JsonElement p) ? p.GetString() ?? "LOWEST" : "LOWEST";
        string[] ids = item.TryGetProperty("correlation_ids", out JsonElement c) ? [.. c.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
        bool confirmed = item.TryGetProperty("confirmed", out JsonElement conf) && conf.GetBoolean();
        bool classBC = item.TryGetProperty("class_b_c", out JsonElement bc) && bc.ValueKind == JsonValueKind.Object;
        string[] gateways = [];
        DateTimeOffset? at = null;
        if (classBC)
        {
            if (bc.TryGetProperty("gateways", out JsonElement g))
            {
                gateways = [.. g.EnumerateArray().Select(e => e.GetProperty("gateway_ids").GetProperty("gateway_id").GetString() ?? "")];
            }

            if (bc.TryGetProperty("absolute_time", out JsonElement t) && t.ValueKind == JsonValueKind.String)
            {
                at = TtsMessages.TryParseTime(t.GetString(), out DateTimeOffset parsed) ? parsed : throw new FormatException("absolute_time is not a time");
            }
        }

        return new PushedDownlink(fPort, payload, priority, ids, classBC, gateways, at, confirmed);
    }
}

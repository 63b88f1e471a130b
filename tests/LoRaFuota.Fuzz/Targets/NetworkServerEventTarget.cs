using System.Text;
using LoRaFuota.ChirpStack.Events;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.TheThingsStack.Messages;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// What a network server publishes, read by both adapters: any bytes as a ChirpStack event (JSON and protobuf) and as
/// a The Things Stack uplink or downlink event give a value or an error text, never an exception, and what is read is
/// in range (FPort a byte, a non-empty device id, an error that says something).
/// </summary>
internal sealed class NetworkServerEventTarget : IFuzzTarget
{
    private static readonly TtsDownlinkEventKind[] s_kinds = Enum.GetValues<TtsDownlinkEventKind>();

    public string Name => "network-server-events";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Encoding.UTF8.GetBytes("""{"end_device_ids":{"device_id":"eui-70b3d57ed0000001","application_ids":{"application_id":"fuota-app"},"dev_eui":"70B3D57ED0000001"},"correlation_ids":["as:up:01H"],"received_at":"2026-03-02T08:15:30.987654321Z","uplink_message":{"session_key_id":"AYk=","f_port":202,"f_cnt":42,"frm_payload":"AQIDBAU=","rx_metadata":[{"gateway_ids":{"gateway_id":"gw"},"time":"2026-03-02T08:15:30.5Z","gps_time":"2026-03-02T08:15:30.499998123Z"}],"settings":{"frequency":"868500000"},"received_at":"2026-03-02T08:15:30.700000001Z"}}"""),
        Encoding.UTF8.GetBytes("""{"end_device_ids":{"device_id":"mc-1","application_ids":{"application_id":"fuota-app"}},"downlink_failed":{"downlink":{"f_port":201,"frm_payload":"CAE=","correlation_ids":["lorafuota:down:1"]},"error":{"name":"too_late","message_format":"too late"}}}"""),
        Encoding.UTF8.GetBytes("""{"deduplicationId":"d1","time":"2026-03-02T08:15:30.123456789+00:00","deviceInfo":{"applicationId":"a","devEui":"70b3d57ed0000001"},"fPort":202,"fCnt":3,"data":"AQI=","rxInfo":[{"gatewayId":"0016c001ff10a235","timeSinceGpsEpoch":"1456000000.5s"}]}"""),
        Encoding.UTF8.GetBytes("""{"deviceInfo":{"applicationId":"a","devEui":"70b3d57ed0000001"},"queueItemId":"q","fCntDown":7}"""),
    ];

    public int Execute(ReadOnlySpan<byte> input)
    {
        int hash = 0;
        if (TtsMessages.TryReadUplink(input, out TtsUplink? up, out string? error))
        {
            FuzzFinding.Check(up!.DeviceId.Length > 0 && up.UplinkId.Length > 0, "a TTS uplink names its device and has an id");
            hash = HashCode.Combine(hash, up.FPort, up.FCnt, up.Payload.Length);
        }
        else
        {
            FuzzFinding.Check(!string.IsNullOrEmpty(error), "a TTS uplink that cannot be read says why");
        }

        TtsDownlinkEventKind kind = s_kinds[input.Length % s_kinds.Length];
        if (TtsMessages.TryReadDownlinkEvent(kind, input, out TtsDownlinkEvent? outcome, out error))
        {
            FuzzFinding.Check(outcome!.Kind == kind && outcome.DeviceId.Length > 0, "a TTS downlink event keeps its kind and device");
            FuzzFinding.Check(kind != TtsDownlinkEventKind.Failed || !string.IsNullOrEmpty(outcome.Error), "a failure says why");
            hash = HashCode.Combine(hash, outcome.CorrelationIds.Count);
        }
        else
        {
            FuzzFinding.Check(!string.IsNullOrEmpty(error), "a TTS event that cannot be read says why");
        }

        foreach (ChirpStackEncoding encoding in (ChirpStackEncoding[])[ChirpStackEncoding.Json, ChirpStackEncoding.Protobuf])
        {
            if (ChirpStackEvents.TryReadUplink(input, encoding, out ChirpStackUplink? uplink, out error))
            {
                hash = HashCode.Combine(hash, uplink!.FPort, uplink.Payload.Length);
            }
            else
            {
                FuzzFinding.Check(!string.IsNullOrEmpty(error), "a ChirpStack up event that cannot be read says why");
            }

            foreach (string name in (string[])["txack", "ack", "log"])
            {
                hash = HashCode.Combine(hash, ChirpStackEvents.TryReadOutcome(name, input, encoding, out _, out _));
            }
        }

        return hash;
    }
}

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using LoRaFuota.Campaigns;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Protocol.Gateway;
using LoRaFuota.ChirpStack.Protocol.Integration;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.Emulation.ChirpStack;

/// <content>The radio side: run the devices to the clock and publish what the gateway heard as <c>up</c> events.</content>
public sealed partial class ChirpStackEmulator
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default);

    // ChirpStack deletes a queue row on the gateway's ack: sent (or dropped) items leave the queue when their time comes.
    private protected override void CaughtUp(DateTimeOffset now)
    {
        foreach (EmulatedGroup group in _groups.Values)
        {
            group.Queue.RemoveAll(q => q.Due <= now);
        }
    }

    private protected override void PublishUplinks(List<DeviceUplink> uplinks)
    {
        foreach (DeviceUplink uplink in uplinks)
        {
            uint fCnt;
            lock (Gate)
            {
                _uplinkCounters.TryGetValue(uplink.DevEui, out fCnt);
                _uplinkCounters[uplink.DevEui] = fCnt + 1;
            }

            var up = new UplinkEvent
            {
                DeduplicationId = new Guid((int)NextId(), 0x4c46, 0x5550, [0, 0, 0, 0, 0, 0, 0, 1]).ToString(),
                Time = Timestamp.FromDateTimeOffset(Time.GetUtcNow()),
                DeviceInfo = new DeviceInfo { ApplicationId = _options.ApplicationId, DevEui = uplink.DevEui.ToString() },
                FCnt = fCnt,
                FPort = uplink.FPort,
                Data = ByteString.CopyFrom(uplink.Payload.Span),
            };
            up.RxInfo.Add(new UplinkRxInfo
            {
                GatewayId = _options.GatewayId,
                NsTime = Timestamp.FromDateTimeOffset(uplink.ReceivedAt),
                TimeSinceGpsEpoch = Duration.FromTimeSpan(TimeSpan.FromSeconds(GpsTime.FromDateTimeOffset(uplink.ReceivedAt))
                    + TimeSpan.FromTicks(uplink.ReceivedAt.UtcTicks % TimeSpan.TicksPerSecond)),
                Rssi = -90,
                Snr = 7.5f,
            });
            byte[] body = _options.Encoding == ChirpStackEncoding.Json ? System.Text.Encoding.UTF8.GetBytes(s_json.Format(up)) : up.ToByteArray();
            CountEvent();
            Publish(ChirpStackTopics.Event(_options.ApplicationId, uplink.DevEui, "up"), body, MqttQualityOfServiceLevel.AtLeastOnce);
        }
    }
}

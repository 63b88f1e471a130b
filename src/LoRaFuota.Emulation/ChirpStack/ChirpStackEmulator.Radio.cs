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

    private void Run()
    {
        List<DeviceUplink> uplinks;
        lock (_lock)
        {
            uplinks = Catch();
            Reschedule();
        }

        PublishUplinks(uplinks);
    }

    // Runs the radio up to the clock; the caller holds the lock.
    private List<DeviceUplink> Catch()
    {
        var uplinks = new List<DeviceUplink>();
        _network.RunUntil(_time.GetUtcNow(), uplinks);
        foreach (EmulatedGroup group in _groups.Values)
        {
            group.Queue.RemoveAll(q => q.Due <= _time.GetUtcNow()); // sent (or dropped): ChirpStack deletes the row on the gateway's ack
        }

        return uplinks;
    }

    private void Reschedule()
    {
        if (_network.NextEventTime is DateTimeOffset next)
        {
            TimeSpan due = next - _time.GetUtcNow();
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void PublishUplinks(List<DeviceUplink> uplinks)
    {
        foreach (DeviceUplink uplink in uplinks)
        {
            uint fCnt;
            lock (_lock)
            {
                _uplinkCounters.TryGetValue(uplink.DevEui, out fCnt);
                _uplinkCounters[uplink.DevEui] = fCnt + 1;
            }

            var up = new UplinkEvent
            {
                DeduplicationId = new Guid((int)NextId(), 0x4c46, 0x5550, [0, 0, 0, 0, 0, 0, 0, 1]).ToString(),
                Time = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
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
            Interlocked.Increment(ref _eventsEmitted);
            Publish(ChirpStackTopics.Event(_options.ApplicationId, uplink.DevEui, "up"), body);
        }
    }

    private void Publish(string topic, byte[] body) =>
        _ = _mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
}

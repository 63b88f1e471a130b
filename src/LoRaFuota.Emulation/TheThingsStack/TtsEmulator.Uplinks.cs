using LoRaFuota.Campaigns;
using LoRaFuota.TheThingsStack.Mqtt;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <content>The radio side: what the gateway heard as <c>up</c>, and <c>down/sent</c> when a multicast frame went out.</content>
public sealed partial class TtsEmulator
{
    private protected override void PublishUplinks(List<DeviceUplink> uplinks)
    {
        var messages = new List<(string Topic, byte[] Body)>();
        lock (Gate)
        {
            DateTimeOffset now = Time.GetUtcNow();
            foreach (DeviceUplink uplink in uplinks)
            {
                (uint up, uint down) = _counters.GetValueOrDefault(uplink.DevEui);
                _counters[uplink.DevEui] = (up + 1, down);
                messages.Add((TtsTopics.Uplink(_options.ApplicationUid, DeviceId(uplink.DevEui)), UplinkJson(uplink, up, now)));
                CountEvent();
            }

            messages.AddRange(_reports.Where(r => r.At <= now).Select(r => (r.Topic, r.Body)));
            _reports.RemoveAll(r => r.At <= now);
        }

        foreach ((string topic, byte[] body) in messages)
        {
            Publish(topic, body);
        }
    }
}

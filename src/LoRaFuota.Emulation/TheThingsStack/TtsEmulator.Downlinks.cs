using System.Buffers;
using LoRaFuota.Campaigns;
using LoRaFuota.Fragmentation;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;
using MQTTnet;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <content>Push and replace, by the server's rules (network-servers.md §2.3, §2.4).</content>
public sealed partial class TtsEmulator
{
    private protected override Task HandleMessageAsync(string topic, byte[] body)
    {
        try
        {
            HandleDownlink(topic, body);
        }
        finally
        {
            CountCommand();
        }

        return Task.CompletedTask;
    }

    // A push or replace the server cannot decode is only logged (there is no reply on MQTT).
    private void HandleDownlink(string topic, byte[] body)
    {
        if (!TtsTopics.TryParse(topic, out string uid, out string deviceId, out string suffix) || uid != _options.ApplicationUid || suffix is not ("down/push" or "down/replace"))
        {
            Drop($"topic {topic} not understood");
            return;
        }

        if (PushedDownlink.Read(body, out string? error) is not List<PushedDownlink> downlinks)
        {
            Drop($"{suffix} for {deviceId}: {error}");
            return;
        }

        List<DeviceUplink> uplinks;
        List<(string Topic, byte[] Body)> events = [];
        lock (Gate)
        {
            uplinks = Catch();
            if (_pseudoDevices.TryGetValue(deviceId, out PseudoDevice? group) && group.InNetwork)
            {
                if (suffix == "down/replace" && downlinks.Count == 0)
                {
                    Drop($"replace with an empty list for {deviceId}: frames already handed to the gateway stay sent");
                }

                foreach (PushedDownlink downlink in downlinks)
                {
                    events.Add(Multicast(group, downlink));
                }
            }
            else if (_devices.TryGetValue(deviceId, out DevEui eui))
            {
                foreach (PushedDownlink downlink in downlinks)
                {
                    events.Add(Unicast(deviceId, eui, downlink));
                }
            }
            else
            {
                Drop($"{suffix} for unknown device {deviceId}");
            }

            Reschedule();
        }

        foreach ((string eventTopic, byte[] eventBody) in events)
        {
            Publish(eventTopic, eventBody);
        }

        PublishUplinks(uplinks);
    }

    private (string Topic, byte[] Body) Unicast(string deviceId, DevEui eui, PushedDownlink downlink)
    {
        if (downlink.FPort is < 1 or > 233)
        {
            return Failed(deviceId, eui, downlink, $"f_port: {downlink.FPort} is not 1 to 233");
        }

        (uint up, uint down) = _counters.GetValueOrDefault(eui);
        _counters[eui] = (up, down + 1);
        string name = downlink.FPort == _options.FragmentationPort && downlink.Payload.Length > 0 && downlink.Payload[0] == DataFragment.Cid ? "DataFragment" : "Downlink";
        Network.SendUnicast(new UnicastDownlink(NextId(), eui, (byte)downlink.FPort, downlink.Payload, name));
        return (TtsTopics.DownlinkEvent(_options.ApplicationUid, deviceId, TtsDownlinkEventKind.Queued), DownlinkEventJson(deviceId, eui, TtsDownlinkEventKind.Queued, downlink, down, null));
    }

    // No pacing: absolute_time (GPS gateways), or the next free slot. Fails as the server fails: no gateways, a time in
    // the past or overlapping the group's previous frame, a payload too long for the data rate, a confirmed frame.
    private (string Topic, byte[] Body) Multicast(PseudoDevice group, PushedDownlink downlink)
    {
        DateTimeOffset now = Time.GetUtcNow();
        Region.TryGetDownlinkDataRate(group.DataRate, dwellTime: false, out DataRate? rate);
        string? refusal = downlink switch
        {
            { FPort: < 1 or > 233 } => $"f_port: {downlink.FPort} is not 1 to 233",
            { Confirmed: true } => "confirmed: multicast devices take no confirmed downlinks",
            { ClassBC: false } or { Gateways.Length: 0 } => "no_gateways: a multicast downlink needs class_b_c.gateways",
            _ when downlink.Gateways.Any(g => g != _options.GatewayId) => "gateway_not_found: not every gateway in class_b_c.gateways exists",
            { AbsoluteTime: not null } when !_options.GpsGateway => "absolute_time: the gateways are not GPS-synchronised",
            { AbsoluteTime: DateTimeOffset at } when at < now => Invariant($"too_late: absolute_time {at:O} is in the past ({now:O})"),
            { AbsoluteTime: DateTimeOffset at } when at < group.FreeAt => Invariant($"conflict: absolute_time {at:O} overlaps the group's previous frame (until {group.FreeAt:O})"),
            _ when rate is null || downlink.Payload.Length > rate.MaxPayload => Invariant($"payload_too_long: {downlink.Payload.Length} bytes for DR{group.DataRate}"),
            _ => null,
        };
        if (refusal is not null)
        {
            return Failed(group.DeviceId, null, downlink, refusal);
        }

        DateTimeOffset free = group.FreeAt > now ? group.FreeAt : now;
        DateTimeOffset due = downlink.AbsoluteTime
            ?? (group.Class == MulticastClass.ClassB ? NextPingSlot(group.McAddr, group.Periodicity, free - TimeSpan.FromTicks(1)) : free);
        TimeSpan airtime = TimeOnAir.ForDownlink(rate!, downlink.Payload.Length);
        uint fCnt = group.NextFCnt++;
        group.FreeAt = due + airtime;
        DataFragment parsed = default;
        bool fragment = downlink.FPort == _options.FragmentationPort && DataFragment.TryRead(downlink.Payload, out parsed, out _);
        Network.SendMulticast(new MulticastDownlink(NextId(), group.Index, (byte)downlink.FPort, downlink.Payload, fCnt, due, DateTimeOffset.MaxValue,
            fragment ? MulticastPayloadKind.DataFragment : MulticastPayloadKind.StatusPoll, fragment ? parsed.N : 0, airtime));
        _reports.Add((due, TtsTopics.DownlinkEvent(_options.ApplicationUid, group.DeviceId, TtsDownlinkEventKind.Sent),
            DownlinkEventJson(group.DeviceId, null, TtsDownlinkEventKind.Sent, downlink, fCnt, null)));
        return (TtsTopics.DownlinkEvent(_options.ApplicationUid, group.DeviceId, TtsDownlinkEventKind.Queued), DownlinkEventJson(group.DeviceId, null, TtsDownlinkEventKind.Queued, downlink, fCnt, null));
    }

    private (string Topic, byte[] Body) Failed(string deviceId, DevEui? eui, PushedDownlink downlink, string error)
    {
        Drop($"{deviceId}: {error}");
        return (TtsTopics.DownlinkEvent(_options.ApplicationUid, deviceId, TtsDownlinkEventKind.Failed), DownlinkEventJson(deviceId, eui, TtsDownlinkEventKind.Failed, downlink, null, error));
    }
}

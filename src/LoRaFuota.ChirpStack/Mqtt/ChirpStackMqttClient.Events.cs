using System.Buffers;
using LoRaFuota.ChirpStack.Events;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.ChirpStack.Mqtt;

/// <content>Reading what arrives.</content>
public sealed partial class ChirpStackMqttClient
{
    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            return Read(e);
        }
        finally
        {
            Interlocked.Increment(ref _received); // after the uplink is on the channel: a counter never runs ahead of the data
        }
    }

    private Task Read(MqttApplicationMessageReceivedEventArgs e)
    {
        string topic = e.ApplicationMessage.Topic;
        if (!ChirpStackTopics.TryParseEvent(topic, out _, out _, out string eventName))
        {
            return Ignore("?", topic, "not an event topic");
        }

        byte[] body = e.ApplicationMessage.Payload.ToArray();
        if (eventName == "up")
        {
            if (!ChirpStackEvents.TryReadUplink(body, _options.Encoding, out ChirpStackUplink? uplink, out string? error))
            {
                return Ignore(eventName, topic, error!);
            }

            if (!_seen.TryAdd(uplink!.DeduplicationId))
            {
                Interlocked.Increment(ref _duplicates);
                Log.Duplicate(_logger, uplink.DeduplicationId);
                return Task.CompletedTask;
            }

            _uplinks.Writer.TryWrite(uplink);
        }
        else if (eventName is "txack" or "ack" or "log")
        {
            if (!ChirpStackEvents.TryReadOutcome(eventName, body, _options.Encoding, out ChirpStackOutcome? outcome, out string? error))
            {
                return Ignore(eventName, topic, error!);
            }

            _outcomes.Writer.TryWrite(outcome!);
        }

        return Task.CompletedTask; // join, status, location: not the engine's business yet
    }

    private Task Ignore(string eventName, string topic, string reason)
    {
        Interlocked.Increment(ref _ignored);
        Log.EventIgnored(_logger, eventName, topic, reason);
        return Task.CompletedTask;
    }
}

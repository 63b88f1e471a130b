using System.Buffers;
using LoRaFuota.ChirpStack.Events;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.ChirpStack.Mqtt;

/// <content>Connecting, reconnecting with back-off, and reading what arrives.</content>
public sealed partial class ChirpStackMqttClient
{
    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                return;
            }

            MqttClientConnectResult result;
            try
            {
                result = await _client.ConnectAsync(_clientOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
            {
                throw new ChirpStackConnectionException($"The MQTT broker {_options.Host}:{_options.Port} refused the connection: {ex.Message} Check the user name and password.", ex);
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new ChirpStackConnectionException($"The MQTT broker {_options.Host}:{_options.Port} refused the connection: {result.ResultCode}.");
            }

            MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(EventFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken).ConfigureAwait(false);
            if (subscribed.Items.Any(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2))
            {
                throw new ChirpStackConnectionException($"The MQTT broker refused the subscription to {EventFilter}: {subscribed.Items.First().ResultCode}.");
            }

            Log.Connected(_logger, _options.Host, _options.Port, _options.ClientId, result.IsSessionPresent, EventFilter);
            _connected.TrySetResult();
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (_stopping.IsCancellationRequested || !e.ClientWasConnected)
        {
            return Task.CompletedTask;
        }

        _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Log.Disconnected(_logger, e.Reason.ToString());
        _reconnecting = Task.Run(ReconnectAsync);
        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        TimeSpan delay = _options.ReconnectDelay;
        for (int attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                await ConnectAndSubscribeAsync(_stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnects);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                Log.ReconnectFailed(_logger, attempt, delay, ex);
            }
        }
    }

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

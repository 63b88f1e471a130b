using Microsoft.Extensions.Logging;
using MQTTnet;

namespace LoRaFuota.Mqtt;

/// <summary>
/// One broker connection that stays up: connect and subscribe, and when the connection drops, reconnect with doubling
/// back-off and subscribe again. Publishes wait for the connection and are repeated when it breaks under them (at least
/// once). Compiled into each adapter package; the adapters add their topics and message formats.
/// </summary>
internal sealed partial class MqttConnection : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly MqttClientSubscribeOptions _subscription;
    private readonly MqttConnectionSettings _settings;
    private readonly string _filters;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reconnecting = Task.CompletedTask;
    private long _reconnects;
    private int _disposed;

    public MqttConnection(MqttClientOptions options, MqttClientSubscribeOptions subscription, MqttConnectionSettings settings, Func<MqttApplicationMessageReceivedEventArgs, Task> onMessage, ILogger logger)
    {
        _options = options;
        _subscription = subscription;
        _settings = settings;
        _filters = string.Join(", ", subscription.TopicFilters.Select(f => f.Topic));
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += onMessage;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public bool IsConnected => _client.IsConnected;

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Connects and subscribes; a refusal or an unreachable broker becomes the adapter's exception.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAndSubscribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RefusedException ex)
        {
            throw _settings.Refused(ex.Message, ex.InnerException);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw _settings.Refused($"Cannot connect to the MQTT broker {_settings.Endpoint}: {ex.Message}", ex);
        }
    }

    /// <summary>Publishes once the connection is up; publishes again when the connection breaks under it.</summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException && !cancellationToken.IsCancellationRequested)
            {
                // The connection went away under the publish: wait for the reconnect and publish again.
            }
        }
    }

    /// <summary>Drops the connection as a network fault would; it comes back on its own.</summary>
    public Task DropAsync() => _options.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500
        ? _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build())
        : _client.DisconnectAsync(); // MQTT 3.1.1 has no reason codes

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // already gone
        }

        try
        {
            await _reconnecting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting
        }

        _client.Dispose();
        _stopping.Dispose();
        _connectLock.Dispose();
    }

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
                result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
            {
                throw new RefusedException($"The MQTT broker {_settings.Endpoint} refused the connection: {ex.Message} {_settings.CredentialsHint}", ex);
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new RefusedException($"The MQTT broker {_settings.Endpoint} refused the connection: {result.ResultCode}. {_settings.CredentialsHint}", null);
            }

            MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(_subscription, cancellationToken).ConfigureAwait(false);
            if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2) is { } refused)
            {
                throw new RefusedException($"The MQTT broker {_settings.Endpoint} refused the subscription to {refused.TopicFilter.Topic}: {refused.ResultCode}. Check the user's rights (ACL).", null);
            }

            LogConnected(_logger, _settings.Endpoint, _options.ClientId, result.IsSessionPresent, _filters);
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
        LogDisconnected(_logger, e.Reason.ToString());
        _reconnecting = Task.Run(ReconnectAsync);
        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        TimeSpan delay = _settings.ReconnectDelay;
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
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxReconnectDelay.Ticks));
                LogReconnectFailed(_logger, attempt, delay, ex);
            }
        }
    }

    private sealed class RefusedException(string message, Exception? inner) : Exception(message, inner);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Connected to the MQTT broker {Endpoint} as {ClientId} (session present: {SessionPresent}), subscribed to {Filters}")]
    private static partial void LogConnected(ILogger logger, string endpoint, string clientId, bool sessionPresent, string filters);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Lost the MQTT broker connection ({Reason}); reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} failed; next in {Delay}")]
    private static partial void LogReconnectFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);
}

using System.Buffers;
using System.Threading.Channels;
using LoRaFuota.Mqtt;
using LoRaFuota.TheThingsStack.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.TheThingsStack.Mqtt;

/// <summary>
/// The engine's connection to The Things Stack's MQTT server: MQTT 3.1.1 and QoS 0 (all the server offers), user
/// <c>{application id}@{tenant id}</c> with an API key as the password. Uplinks arrive on <see cref="Uplinks"/> (a
/// repeated uplink id dropped), downlink outcomes on <see cref="Outcomes"/>. A lost connection is re-established with
/// back-off and the subscriptions renewed; with QoS 0 what the server published meanwhile is gone, which the campaign
/// already tolerates (it asks again).
/// </summary>
public sealed class TtsMqttClient : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly MqttConnection _connection;
    private readonly Channel<TtsUplink> _uplinks = Channel.CreateUnbounded<TtsUplink>();
    private readonly Channel<TtsDownlinkEvent> _outcomes = Channel.CreateUnbounded<TtsDownlinkEvent>();
    private readonly DeduplicationWindow _seen;
    private long _duplicates;
    private long _ignored;
    private long _received;
    private long _published;

    /// <summary>Initializes a new instance of the <see cref="TtsMqttClient"/> class.</summary>
    /// <param name="options">The connection settings (validated here).</param>
    /// <param name="logger">The logger, or null.</param>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public TtsMqttClient(TtsMqttOptions options, ILogger<TtsMqttClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _seen = new DeduplicationWindow(options.DeduplicationWindow);
        ApplicationUid = options.Username;
        MqttClientOptions client = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithClientId(options.ClientId)
            .WithCleanSession(true)
            .WithCredentials(options.Username, options.ApiKey)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        MqttClientSubscribeOptions subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(TtsTopics.Uplinks(ApplicationUid), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(TtsTopics.DownlinkEvents(ApplicationUid), MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        _connection = new MqttConnection(
            client,
            subscription,
            new MqttConnectionSettings($"{options.Host}:{options.Port}", options.ReconnectDelay, options.MaxReconnectDelay, (message, inner) => inner is null ? new TtsConnectionException(message) : new TtsConnectionException(message, inner),
                $"Check the user name and password: the user is {ApplicationUid} ({{application id}}@{{tenant id}}), the password an API key with the application's traffic rights."),
            OnMessageAsync,
            _logger);
    }

    /// <summary>Gets the application uid in the topics (<c>{application id}@{tenant id}</c>).</summary>
    public string ApplicationUid { get; }

    /// <summary>Gets the uplinks, each once.</summary>
    public ChannelReader<TtsUplink> Uplinks => _uplinks.Reader;

    /// <summary>Gets the downlink outcomes (queued, sent, failed, ack, nack).</summary>
    public ChannelReader<TtsDownlinkEvent> Outcomes => _outcomes.Reader;

    /// <summary>Gets how many repeated uplinks were dropped.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Gets how many times the connection was re-established.</summary>
    public long Reconnects => _connection.Reconnects;

    /// <summary>Gets how many messages could not be read (logged, never thrown).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Gets how many messages arrived on the subscriptions (read, dropped or ignored).</summary>
    public long MessagesReceived => Interlocked.Read(ref _received);

    /// <summary>Gets how many pushes were handed to the broker.</summary>
    public long PushesPublished => Interlocked.Read(ref _published);

    /// <summary>Gets a value indicating whether the client is connected now.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Connects and subscribes. A refusal (wrong application, tenant or API key; no rights) is an exception that says so.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task that completes when connected and subscribed.</returns>
    /// <exception cref="TtsConnectionException">The server is unreachable or refused the connection or the subscription.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => _connection.ConnectAsync(cancellationToken);

    /// <summary>Appends downlinks to a device's queue (<c>down/push</c>). While the connection is down it waits for the reconnect.</summary>
    /// <param name="deviceId">The device (or multicast pseudo-device) id.</param>
    /// <param name="downlinks">The downlinks.</param>
    /// <param name="cancellationToken">Cancels the wait or the publish.</param>
    /// <returns>A task that completes when the message left for the server.</returns>
    /// <exception cref="ArgumentException">The device id or an FPort is invalid.</exception>
    public async Task PushAsync(string deviceId, IEnumerable<TtsDownlink> downlinks, CancellationToken cancellationToken = default)
    {
        if (!TtsTopics.IsIdentifier(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a device id (lower-case letters, digits and dashes).", nameof(deviceId));
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(TtsTopics.Push(ApplicationUid, deviceId))
            .WithPayload(TtsMessages.Push(downlinks))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _published);
    }

    /// <summary>Disconnects cleanly and completes the channels.</summary>
    /// <returns>A task that completes when disconnected.</returns>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _uplinks.Writer.TryComplete();
        _outcomes.Writer.TryComplete();
    }

    /// <summary>Drops the connection as a network fault would; the client reconnects on its own (tests use it).</summary>
    internal Task DropConnectionAsync() => _connection.DropAsync();

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            Read(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
        }
        finally
        {
            Interlocked.Increment(ref _received); // after the data is on its channel: the counter never runs ahead
        }

        return Task.CompletedTask;
    }

    private void Read(string topic, byte[] body)
    {
        if (!TtsTopics.TryParse(topic, out _, out _, out string suffix))
        {
            Ignore(topic, "not a v3 device topic");
        }
        else if (suffix == "up")
        {
            if (!TtsMessages.TryReadUplink(body, out TtsUplink? uplink, out string? error))
            {
                Ignore(topic, error!);
            }
            else if (!_seen.TryAdd(uplink!.UplinkId))
            {
                Interlocked.Increment(ref _duplicates);
                Log.Duplicate(_logger, uplink.UplinkId);
            }
            else
            {
                _uplinks.Writer.TryWrite(uplink);
            }
        }
        else if (suffix.StartsWith("down/", StringComparison.Ordinal) && Enum.TryParse(suffix[5..], ignoreCase: true, out TtsDownlinkEventKind kind) && suffix[5..].All(char.IsAsciiLetterLower))
        {
            if (TtsMessages.TryReadDownlinkEvent(kind, body, out TtsDownlinkEvent? outcome, out string? error))
            {
                _outcomes.Writer.TryWrite(outcome!);
            }
            else
            {
                Ignore(topic, error!);
            }
        }

        // push and replace (our own, echoed by the filter), invalidated, join, service data: not the engine's business
    }

    private void Ignore(string topic, string reason)
    {
        Interlocked.Increment(ref _ignored);
        Log.MessageIgnored(_logger, topic, reason);
    }
}

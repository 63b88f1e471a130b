using System.Buffers;
using System.Threading.Channels;
using LoRaFuota.ChirpStack.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using LoRaFuota.Mqtt;
using MQTTnet.Protocol;

namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>
/// The engine's connection to ChirpStack's MQTT integration: MQTT 5, QoS 1, a persistent session and (by default) a
/// shared subscription of its own, so several engine instances split the events and none is lost while one restarts.
/// Uplinks arrive on <see cref="Uplinks"/> with QoS 1 redeliveries dropped by deduplication id; downlink outcomes on
/// <see cref="Outcomes"/>. A lost connection is re-established with back-off and the subscription renewed.
/// </summary>
public sealed partial class ChirpStackMqttClient : IAsyncDisposable
{
    private readonly ChirpStackMqttOptions _options;
    private readonly ILogger _logger;
    private readonly MqttConnection _connection;
    private readonly Channel<ChirpStackUplink> _uplinks = Channel.CreateUnbounded<ChirpStackUplink>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Channel<ChirpStackOutcome> _outcomes = Channel.CreateUnbounded<ChirpStackOutcome>();
    private readonly DeduplicationWindow _seen;
    private long _duplicates;
    private long _ignored;
    private long _received;
    private long _published;

    /// <summary>Initializes a new instance of the <see cref="ChirpStackMqttClient"/> class.</summary>
    /// <param name="options">The connection settings (validated here).</param>
    /// <param name="logger">The logger, or null.</param>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public ChirpStackMqttClient(ChirpStackMqttOptions options, ILogger<ChirpStackMqttClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _seen = new DeduplicationWindow(options.DeduplicationWindow);
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(options.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (options.Username is not null)
        {
            builder = builder.WithCredentials(options.Username, options.Password);
        }

        _connection = new MqttConnection(
            builder.Build(),
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(EventFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            new MqttConnectionSettings($"{options.Host}:{options.Port}", options.ReconnectDelay, options.MaxReconnectDelay, (message, inner) => inner is null ? new ChirpStackConnectionException(message) : new ChirpStackConnectionException(message, inner)),
            OnMessageAsync,
            _logger);
    }

    /// <summary>Gets the uplinks, each once.</summary>
    public ChannelReader<ChirpStackUplink> Uplinks => _uplinks.Reader;

    /// <summary>Gets the downlink outcomes (txack, ack, log).</summary>
    public ChannelReader<ChirpStackOutcome> Outcomes => _outcomes.Reader;

    /// <summary>Gets the topic filter the client subscribes to.</summary>
    public string EventFilter => ChirpStackTopics.Events(_options.ApplicationId, _options.ShareName);

    /// <summary>Gets how many redelivered uplinks were dropped.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Gets how many times the connection was re-established.</summary>
    public long Reconnects => _connection.Reconnects;

    /// <summary>Gets how many events could not be read (logged, never thrown).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Gets how many event messages arrived (read, dropped as duplicates or ignored).</summary>
    public long EventsReceived => Interlocked.Read(ref _received);

    /// <summary>Gets how many commands the broker acknowledged.</summary>
    public long CommandsPublished => Interlocked.Read(ref _published);

    /// <summary>Gets a value indicating whether the client is connected now.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Connects and subscribes. A broker that refuses the connection (e.g. the credentials) is an exception that says so.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task that completes when connected and subscribed.</returns>
    /// <exception cref="ChirpStackConnectionException">The broker is unreachable or refused the connection.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => _connection.ConnectAsync(cancellationToken);

    /// <summary>
    /// Publishes a unicast downlink (<c>command/down</c>, QoS 1) and returns when the broker has it. While the connection
    /// is down it waits for the reconnect.
    /// </summary>
    /// <param name="id">The engine's id for the command; the outcome events carry it back.</param>
    /// <param name="devEui">The device.</param>
    /// <param name="fPort">The FPort, 1 to 223.</param>
    /// <param name="payload">The plaintext FRMPayload.</param>
    /// <param name="confirmed">Whether the downlink is confirmed.</param>
    /// <param name="expiresAt">When ChirpStack should drop it unsent.</param>
    /// <param name="cancellationToken">Cancels the wait or the publish.</param>
    /// <returns>A task that completes when the broker acknowledged the publish.</returns>
    public async Task EnqueueAsync(Guid id, DevEui devEui, byte fPort, ReadOnlyMemory<byte> payload, bool confirmed = false, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        string applicationId = _options.ApplicationId == "+"
            ? throw new InvalidOperationException("Set ApplicationId to the application's UUID to send downlinks.")
            : _options.ApplicationId;
        byte[] body = ChirpStackCommands.Down(id, devEui, fPort, payload.Span, _options.Encoding, confirmed, expiresAt);
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(ChirpStackTopics.Down(applicationId, devEui))
            .WithPayload(body)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _published);
    }

    /// <summary>Drops the connection as a network fault would; the client reconnects on its own (tests use it).</summary>
    internal Task DropConnectionAsync() => _connection.DropAsync();

    /// <summary>Disconnects cleanly and completes the channels.</summary>
    /// <returns>A task that completes when disconnected.</returns>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _uplinks.Writer.TryComplete();
        _outcomes.Writer.TryComplete();
    }
}

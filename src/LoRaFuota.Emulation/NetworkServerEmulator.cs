using System.Buffers;
using System.Globalization;
using LoRaFuota.Campaigns;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.Emulation;

/// <summary>
/// What every emulated network server shares: the virtual devices' radio run to a <see cref="TimeProvider"/>, the
/// uplinks it produces handed to the dialect to publish, and a record of what was published, handled and dropped.
/// The dialects (ChirpStack, The Things Stack) add their wire contracts.
/// </summary>
public abstract class NetworkServerEmulator : IAsyncDisposable
{
    private const int BeaconSeconds = 128;
    private readonly ITimer _timer;
    private readonly IMqttClient _mqtt;
    private readonly CancellationTokenSource _stopping = new();
    private MqttClientOptions? _mqttOptions;
    private MqttClientSubscribeOptions? _subscription;
    private long _reconnects;
    private readonly List<string> _dropped = [];
    private long _eventsEmitted;
    private long _commandsHandled;
    private long _nextId;

    /// <summary>Initializes a new instance of the <see cref="NetworkServerEmulator"/> class.</summary>
    /// <param name="network">The devices and their radio (not started).</param>
    /// <param name="region">The region (data-rate sizes and air times).</param>
    /// <param name="time">The clock.</param>
    private protected NetworkServerEmulator(SimulatedNetwork network, RegionalParameters region, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(time);
        Network = network;
        Region = region;
        Time = time;
        _timer = time.CreateTimer(_ => Run(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _mqtt = new MqttClientFactory().CreateMqttClient();
        _mqtt.ApplicationMessageReceivedAsync += e => HandleMessageAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
        _mqtt.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Gets the network and its record of every frame (read it between steps).</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>Gets the uplink events published so far.</summary>
    public long EventsEmitted => Interlocked.Read(ref _eventsEmitted);

    /// <summary>Gets the downlink commands (MQTT messages) handled so far.</summary>
    public long CommandsHandled => Interlocked.Read(ref _commandsHandled);

    /// <summary>Gets what the server dropped or refused with only a log line or a failure event, one line each.</summary>
    public IReadOnlyList<string> Dropped
    {
        get
        {
            lock (Gate)
            {
                return [.. _dropped];
            }
        }
    }

    /// <summary>Gets when the emulated radio next has something to do.</summary>
    public DateTimeOffset? NextEventTime
    {
        get
        {
            lock (Gate)
            {
                return Network.NextEventTime;
            }
        }
    }

    /// <summary>Gets how many times the emulator reconnected to the broker (after a broker restart, say).</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Gets a value indicating whether the emulator is connected to the broker.</summary>
    public bool IsConnected => _mqtt.IsConnected;

    private protected RegionalParameters Region { get; }

    private protected TimeProvider Time { get; }

    private protected Lock Gate { get; } = new();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        if (_mqtt.IsConnected)
        {
            await _mqtt.DisconnectAsync().ConfigureAwait(false);
        }

        _mqtt.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Connects to the broker as the server, subscribes to the dialect's downlink topics and switches the devices on.</summary>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>A task that completes when the emulator is running.</returns>
    public abstract Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Handles a message on the dialect's subscription (a command or a push).</summary>
    private protected abstract Task HandleMessageAsync(string topic, byte[] body);

    /// <summary>Connects to the broker as the server, subscribes, and switches the devices on; after a lost connection it reconnects and subscribes again.</summary>
    private protected async Task StartAsync(MqttClientOptions options, MqttClientSubscribeOptions subscription, CancellationToken cancellationToken)
    {
        _mqttOptions = options;
        _subscription = subscription;
        await _mqtt.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await _mqtt.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        StartRadio();
    }

    /// <summary>The server's connection to the broker: a fresh client id, and the credentials when a user is given.</summary>
    private protected static MqttClientOptions BrokerOptions(string host, int port, MQTTnet.Formatter.MqttProtocolVersion version, string clientIdPrefix, string? username, string? password)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(version)
            .WithClientId(clientIdPrefix + Guid.NewGuid().ToString("N")[..8]);
        return (username is null ? builder : builder.WithCredentials(username, password)).Build();
    }

    /// <summary>Publishes without waiting (the server does not wait for its subscribers either); dropped while disconnected.</summary>
    private protected void Publish(string topic, byte[] body, MqttQualityOfServiceLevel qos)
    {
        if (_mqtt.IsConnected)
        {
            _ = _mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body).WithQualityOfServiceLevel(qos).Build())
                .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); // lost with the connection, as a server's would be
        }
    }

    /// <summary>Publishes uplinks the gateways heard, outside the lock.</summary>
    private protected abstract void PublishUplinks(List<DeviceUplink> uplinks);

    /// <summary>Called under the lock after the radio ran to <paramref name="now"/>: drop sent queue items, collect reports.</summary>
    private protected virtual void CaughtUp(DateTimeOffset now)
    {
    }

    // Switches the devices on at the clock's time.
    private void StartRadio()
    {
        lock (Gate)
        {
            Network.Start(Time.GetUtcNow());
            Reschedule();
        }
    }

    /// <summary>Runs the radio up to the clock; the caller holds the lock.</summary>
    private protected List<DeviceUplink> Catch()
    {
        var uplinks = new List<DeviceUplink>();
        DateTimeOffset now = Time.GetUtcNow();
        Network.RunUntil(now, uplinks);
        CaughtUp(now);
        return uplinks;
    }

    /// <summary>Arms the timer for the radio's next event; the caller holds the lock.</summary>
    private protected void Reschedule()
    {
        if (Network.NextEventTime is DateTimeOffset next)
        {
            TimeSpan due = next - Time.GetUtcNow();
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Records a drop or refusal.</summary>
    private protected void Drop(string reason)
    {
        lock (Gate)
        {
            _dropped.Add(reason);
        }
    }

    private protected void CountEvent() => Interlocked.Increment(ref _eventsEmitted);

    private protected void CountCommand() => Interlocked.Increment(ref _commandsHandled);

    private protected long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>The first ping slot of a group strictly after <paramref name="after"/>.</summary>
    private protected static DateTimeOffset NextPingSlot(uint mcAddr, byte periodicity, DateTimeOffset after)
    {
        Span<TimeSpan> offsets = stackalloc TimeSpan[128];
        long beacon = GpsTime.FromDateTimeOffset(after) / BeaconSeconds * BeaconSeconds;
        for (int i = 0; i < 4; i++, beacon += BeaconSeconds)
        {
            int count = PingSlots.GetSlotOffsets(beacon, mcAddr, periodicity, offsets);
            DateTimeOffset start = GpsTime.ToDateTimeOffset(beacon);
            for (int slot = 0; slot < count; slot++)
            {
                if (start + offsets[slot] > after)
                {
                    return start + offsets[slot];
                }
            }
        }

        return after;
    }

    private protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (!_stopping.IsCancellationRequested && e.ClientWasConnected)
        {
            _ = Task.Run(ReconnectAsync);
        }

        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _stopping.Token).ConfigureAwait(false);
                await _mqtt.ConnectAsync(_mqttOptions!, _stopping.Token).ConfigureAwait(false);
                await _mqtt.SubscribeAsync(_subscription!, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnects);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or InvalidOperationException)
            {
                // the broker is not back yet: try again
            }
        }
    }

    private void Run()
    {
        List<DeviceUplink> uplinks;
        lock (Gate)
        {
            uplinks = Catch();
            Reschedule();
        }

        PublishUplinks(uplinks);
    }
}

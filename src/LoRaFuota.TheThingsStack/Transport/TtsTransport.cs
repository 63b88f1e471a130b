using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Transport;
using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoRaFuota.TheThingsStack.Transport;

/// <summary>
/// The campaign runner's <see cref="IFuotaTransport"/> over The Things Stack v3. Unicast goes by <c>down/push</c>,
/// uplinks come from <c>up</c>, and a multicast group is a pseudo-device created in the registries with the campaign's
/// address and keys. The Things Stack does not pace multicast: with GPS gateways every frame is handed over at once with
/// <c>absolute_time</c>; otherwise the transport holds each frame on its clock and pushes it at its slot. Frame counters
/// are the server's (the pseudo-device's session starts at the campaign's first counter); <c>down/sent</c> and
/// <c>down/failed</c> report every frame.
/// </summary>
public sealed partial class TtsTransport : IFuotaTransport, IResumableTransport, IAsyncDisposable
{
    private readonly TtsMqttClient _mqtt;
    private readonly TtsDeviceRegistryClient _registry;
    private readonly TtsTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, string> _groups = new();
    private readonly ConcurrentDictionary<DevEui, string> _deviceIds = new();
    private readonly ConcurrentDictionary<string, uint> _plannedCounters = new(StringComparer.Ordinal);
    private readonly PriorityQueue<HeldFrame, DateTimeOffset> _held = new();
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _outcomes;
    private Task _pushes = Task.CompletedTask;
    private int _inFlight;
    private int _disposed;
    private long _sent;
    private long _failed;

    /// <summary>Initializes a new instance of the <see cref="TtsTransport"/> class.</summary>
    /// <param name="mqtt">The connected MQTT client.</param>
    /// <param name="registry">The registry client that creates the multicast pseudo-devices.</param>
    /// <param name="options">The gateways, timing and id settings (validated here).</param>
    /// <param name="time">The clock that holds frames until their slot; null for the system clock.</param>
    /// <param name="logger">The logger, or null.</param>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public TtsTransport(TtsMqttClient mqtt, TtsDeviceRegistryClient registry, TtsTransportOptions options, TimeProvider? time = null, ILogger<TtsTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mqtt = mqtt;
        _registry = registry;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach ((DevEui eui, string id) in options.DeviceIds)
        {
            _deviceIds[eui] = id;
        }

        _timer = _time.CreateTimer(_ => ReleaseDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _outcomes = Task.Run(ReadOutcomesAsync);
    }

    /// <summary>Gets what The Things Stack decides: the frame counters (in the pseudo-device's session); pacing is the engine's.</summary>
    public NetworkServerCapabilities Capabilities { get; } = new()
    {
        AssignsFrameCounters = true,
        MinimumMulticastSpacing = null,
        ReportsMulticastTransmissions = true,
    };

    /// <summary>Gets how many of the engine's downlinks the server reported sent (<c>down/sent</c>).</summary>
    public long DownlinksSent => Interlocked.Read(ref _sent);

    /// <summary>Gets how many of the engine's downlinks the server reported failed (<c>down/failed</c>).</summary>
    public long DownlinksFailed => Interlocked.Read(ref _failed);

    /// <summary>Gets when the next held multicast frame is due, if any (benches step a fake clock to it).</summary>
    internal DateTimeOffset? NextRelease
    {
        get
        {
            lock (_held)
            {
                return _held.TryPeek(out _, out DateTimeOffset due) ? due : null;
            }
        }
    }

    /// <summary>Gets a value indicating whether a held frame is due or still being pushed.</summary>
    internal bool Releasing
    {
        get
        {
            lock (_held)
            {
                return _inFlight > 0 || (_held.TryPeek(out _, out DateTimeOffset due) && due <= _time.GetUtcNow());
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        var frame = new TtsDownlink
        {
            FPort = downlink.FPort,
            Payload = downlink.Payload,
            Priority = _options.UnicastPriority,
            CorrelationIds = [CorrelationId(downlink.Id)],
        };
        await Refusal(() => _mqtt.PushAsync(DeviceId(downlink.DevEui), [frame], cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        string deviceId = string.Create(CultureInfo.InvariantCulture, $"{_options.MulticastDeviceIdPrefix}-{group.Group}-{group.McAddr:x8}");
        await Refusal(() => _registry.CreateMulticastDeviceAsync(
            new TtsMulticastDevice
            {
                DeviceId = deviceId,
                McAddr = group.McAddr,
                McAppSKey = group.McAppSKey,
                McNwkSKey = group.McNwkSKey,
                FirstFCnt = group.FirstFCnt,
                Class = group.Class,
                DataRate = group.DataRate,
                FrequencyHz = group.FrequencyHz,
                Periodicity = group.Periodicity,
            },
            cancellationToken)).ConfigureAwait(false);
        _groups[group.Group] = deviceId;
        Log.GroupCreated(_logger, deviceId, group.Group, group.Devices.Count);
    }

    /// <inheritdoc/>
    public async ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        string deviceId = GroupDevice(downlink.Group);
        string correlationId = CorrelationId(downlink.Id);
        _plannedCounters[correlationId] = downlink.FCnt;
        var frame = new TtsDownlink
        {
            FPort = downlink.FPort,
            Payload = downlink.Payload,
            Priority = _options.MulticastPriority,
            CorrelationIds = [correlationId],
            Gateways = [.. _options.Gateways],
            AbsoluteTime = _options.AbsoluteTime ? downlink.NotBefore : null,
        };
        if (_options.AbsoluteTime || downlink.NotBefore <= _time.GetUtcNow())
        {
            await Refusal(() => _mqtt.PushAsync(deviceId, [frame], cancellationToken)).ConfigureAwait(false);
            return;
        }

        lock (_held)
        {
            _held.Enqueue(new HeldFrame(downlink.Group, deviceId, frame), downlink.NotBefore);
            ArmTimer();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        string deviceId = GroupDevice(deletion.Group);
        lock (_held)
        {
            var keep = _held.UnorderedItems.Where(h => h.Element.Group != deletion.Group).ToList();
            _held.Clear();
            _held.EnqueueRange(keep);
            ArmTimer();
        }

        await Refusal(() => _registry.DeleteDeviceAsync(deviceId, cancellationToken)).ConfigureAwait(false);
        _groups.TryRemove(deletion.Group, out _);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<DeviceUplink> ReadUplinksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (TtsUplink uplink in _mqtt.Uplinks.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (uplink.DevEui is not DevEui eui)
            {
                continue; // the server always names the DevEUI of a LoRaWAN device; without it the uplink cannot be matched
            }

            _deviceIds[eui] = uplink.DeviceId;
            if (uplink.FPort != 0)
            {
                yield return new DeviceUplink(eui, uplink.FPort, uplink.Payload, ReceivedAt(uplink));
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // a container may dispose the same instance under two service types
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_outcomes, _pushes).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stopping.Dispose();
    }

    /// <summary>When the uplink was received, for TS003: a GPS gateway's time, else a gateway's time, else the Network Server's, else the Application Server's, else now.</summary>
    internal DateTimeOffset ReceivedAt(TtsUplink uplink) =>
        uplink.GpsTime ?? uplink.GatewayTime ?? uplink.NetworkReceivedAt ?? uplink.ReceivedAt ?? _time.GetUtcNow();

    private static string CorrelationId(long actionId) => string.Create(CultureInfo.InvariantCulture, $"lorafuota:down:{actionId}");

    private string DeviceId(DevEui eui) =>
        _deviceIds.TryGetValue(eui, out string? id) ? id : _options.DeviceIdPrefix + eui.ToString().ToLowerInvariant();

    /// <inheritdoc/>
    public string? GetGroupState(int group) => _groups.TryGetValue(group, out string? id) ? id : null;

    /// <inheritdoc/>
    public void RestoreGroupState(int group, string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _groups[group] = state; // the multicast pseudo-device's id
    }

    private string GroupDevice(int group) =>
        _groups.TryGetValue(group, out string? id) ? id : throw new FuotaTransportException($"Multicast group {group} was not created through this transport.");

    private static Task Refusal(Func<Task> call) => TransportRefusal.Translate(call, static ex => ex is TtsApiException or TtsConnectionException);

    private sealed record HeldFrame(int Group, string DeviceId, TtsDownlink Frame);
}

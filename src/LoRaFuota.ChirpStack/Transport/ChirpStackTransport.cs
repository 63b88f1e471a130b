using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoRaFuota.Campaigns;
using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Events;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.Hosting;
using LoRaFuota.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoRaFuota.ChirpStack.Transport;

/// <summary>
/// The campaign runner's <see cref="IFuotaTransport"/> over ChirpStack v4: unicast and uplinks through the MQTT
/// integration, multicast groups and frames through the gRPC API. It reports what ChirpStack decides on its own
/// (server-assigned frame counters, 5 s pacing, no multicast reports) as <see cref="Capabilities"/>. A refusal by
/// ChirpStack becomes a <see cref="FuotaTransportException"/>, which the campaign records as a network-server error.
/// </summary>
public sealed partial class ChirpStackTransport : IFuotaTransport, IResumableTransport
{
    private readonly ChirpStackMqttClient _mqtt;
    private readonly ChirpStackApiClient _api;
    private readonly ChirpStackTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, string> _groups = new();

    /// <summary>Initializes a new instance of the <see cref="ChirpStackTransport"/> class.</summary>
    /// <param name="mqtt">The connected MQTT client (uplinks and unicast).</param>
    /// <param name="api">The gRPC client (multicast).</param>
    /// <param name="options">The application and group settings (validated here).</param>
    /// <param name="time">The clock used when an uplink carries no reception time; null for the system clock.</param>
    /// <param name="logger">The logger, or null.</param>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public ChirpStackTransport(ChirpStackMqttClient mqtt, ChirpStackApiClient api, ChirpStackTransportOptions options, TimeProvider? time = null, ILogger<ChirpStackTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mqtt = mqtt;
        _api = api;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Capabilities = new NetworkServerCapabilities
        {
            AssignsFrameCounters = true,
            MinimumMulticastSpacing = options.GpsTimeScheduling || options.Gateways.Count <= 1 ? options.MulticastMargin : options.MulticastMargin * options.Gateways.Count,
            ReportsMulticastTransmissions = false,
        };
    }

    /// <summary>Gets what ChirpStack decides on its own.</summary>
    public NetworkServerCapabilities Capabilities { get; }

    /// <inheritdoc/>
    public async ValueTask SendUnicastAsync(UnicastDownlink downlink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        await Refusal(() => _mqtt.EnqueueAsync(Guid.NewGuid(), downlink.DevEui, downlink.FPort, downlink.Payload, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask CreateMulticastGroupAsync(MulticastGroupCreation group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var spec = new ChirpStackMulticastGroup
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"{_options.GroupNamePrefix}-{group.Group}-{group.McAddr:x8}"),
            ApplicationId = _options.ApplicationId,
            Region = _options.Region,
            McAddr = group.McAddr,
            McAppSKey = group.McAppSKey,
            McNwkSKey = group.McNwkSKey,
            FirstFCnt = group.FirstFCnt,
            Class = group.Class,
            DataRate = group.DataRate,
            FrequencyHz = group.FrequencyHz,
            PingSlotPeriodicity = group.Periodicity,
            GpsTimeScheduling = _options.GpsTimeScheduling,
        };
        string id = await Refusal(() => _api.CreateGroupAsync(spec, cancellationToken)).ConfigureAwait(false);
        _groups[group.Group] = id;
        foreach (DevEui device in group.Devices)
        {
            await Refusal(() => _api.AddDeviceAsync(id, device, cancellationToken)).ConfigureAwait(false);
        }

        foreach (string gateway in _options.Gateways)
        {
            await Refusal(() => _api.AddGatewayAsync(id, gateway, cancellationToken)).ConfigureAwait(false);
        }

        Log.GroupCreated(_logger, group.Group, id, group.Devices.Count);
    }

    /// <inheritdoc/>
    public async ValueTask SendMulticastAsync(MulticastDownlink downlink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        string id = GroupId(downlink.Group);
        uint assigned = await Refusal(() => _api.EnqueueMulticastAsync(id, downlink.FPort, downlink.Payload, downlink.ExpiresAt, cancellationToken)).ConfigureAwait(false);
        if (assigned != downlink.FCnt)
        {
            // The devices accept any rising counter within McFCntMin..Max; a gap means something else used the group.
            Log.CounterDiffers(_logger, downlink.Group, downlink.FCnt, assigned);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DeleteMulticastGroupAsync(MulticastGroupDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        string id = GroupId(deletion.Group);
        await Refusal(() => _api.DeleteGroupAsync(id, cancellationToken)).ConfigureAwait(false);
        _groups.TryRemove(deletion.Group, out _);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<DeviceUplink> ReadUplinksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (ChirpStackUplink uplink in _mqtt.Uplinks.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (uplink.FPort == 0)
            {
                continue; // MAC-only frame
            }

            yield return new DeviceUplink(uplink.DevEui, uplink.FPort, uplink.Payload, ReceivedAt(uplink));
        }
    }

    /// <summary>
    /// When the uplink was received, for TS003: the gateway's GPS time if a GNSS gateway heard it, else the gateway's
    /// time, else the network server's, else the event's, else now.
    /// </summary>
    internal DateTimeOffset ReceivedAt(ChirpStackUplink uplink)
    {
        if (uplink.TimeSinceGpsEpoch is TimeSpan sinceGps && sinceGps > TimeSpan.Zero)
        {
            long whole = (long)sinceGps.TotalSeconds;
            return GpsTime.ToDateTimeOffset(whole) + (sinceGps - TimeSpan.FromSeconds(whole));
        }

        return uplink.GatewayTime ?? uplink.NetworkServerTime ?? uplink.EventTime ?? _time.GetUtcNow();
    }

    /// <inheritdoc/>
    public string? GetGroupState(int group) => _groups.TryGetValue(group, out string? id) ? id : null;

    /// <inheritdoc/>
    public void RestoreGroupState(int group, string state)
    {
        if (!Guid.TryParse(state, out _))
        {
            throw new ArgumentException($"'{state}' is not a ChirpStack multicast group id (a UUID).", nameof(state));
        }

        _groups[group] = state;
    }

    private string GroupId(int group) =>
        _groups.TryGetValue(group, out string? id) ? id : throw new FuotaTransportException($"Multicast group {group} was not created through this transport.");

    private static Task<T> Refusal<T>(Func<Task<T>> call) => TransportRefusal.Translate(call, IsRefusal);

    private static Task Refusal(Func<Task> call) => TransportRefusal.Translate(call, IsRefusal);

    private static bool IsRefusal(Exception ex) => ex is ChirpStackApiException or ChirpStackConnectionException;
}

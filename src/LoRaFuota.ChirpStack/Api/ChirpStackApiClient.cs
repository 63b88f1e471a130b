using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using LoRaFuota.ChirpStack.Protocol.Api;
using LoRaFuota.Planning;
using CommonRegion = LoRaFuota.ChirpStack.Protocol.Common.Region;
using EngineRegion = LoRaFuota.Regions.Region;

namespace LoRaFuota.ChirpStack.Api;

/// <summary>
/// The engine's calls to ChirpStack's gRPC API: multicast groups (create with the engine's McAddr, keys and first
/// frame counter; members and gateways; enqueue, queue depth, flush; delete) and the unicast device queue. Every call
/// carries the bearer token and a deadline; a refusal is a <see cref="ChirpStackApiException"/> with the status.
/// </summary>
public sealed class ChirpStackApiClient : IDisposable
{
    private readonly ChirpStackApiOptions _options;
    private readonly GrpcChannel _channel;
    private readonly MulticastGroupService.MulticastGroupServiceClient _multicast;
    private readonly DeviceService.DeviceServiceClient _devices;
    private readonly Metadata _headers;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ChirpStackApiClient"/> class.</summary>
    /// <param name="options">The address and token (validated here).</param>
    /// <param name="handler">An HTTP handler (TLS settings, or an in-process server in tests); null for the default.</param>
    /// <param name="time">The clock the call timeout runs on; null for the system clock.</param>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public ChirpStackApiClient(ChirpStackApiOptions options, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = handler is null });
        _multicast = new MulticastGroupService.MulticastGroupServiceClient(_channel);
        _devices = new DeviceService.DeviceServiceClient(_channel);
        _headers = new Metadata { { "authorization", "Bearer " + options.ApiToken } };
    }

    /// <summary>Creates the group; returns the id ChirpStack gave it.</summary>
    /// <param name="group">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group id (a UUID).</returns>
    public Task<string> CreateGroupAsync(ChirpStackMulticastGroup group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var request = new CreateMulticastGroupRequest
        {
            MulticastGroup = new MulticastGroup
            {
                Name = group.Name,
                ApplicationId = group.ApplicationId,
                Region = ToChirpStack(group.Region),
                McAddr = group.McAddr.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                McNwkSKey = group.McNwkSKey.ToHexString(),
                McAppSKey = group.McAppSKey.ToHexString(),
                FCnt = group.FirstFCnt,
                GroupType = group.Class == MulticastClass.ClassB ? MulticastGroupType.ClassB : MulticastGroupType.ClassC,
                Dr = (uint)group.DataRate,
                Frequency = group.FrequencyHz,
                ClassCSchedulingType = group.GpsTimeScheduling ? MulticastGroupSchedulingType.GpsTime : MulticastGroupSchedulingType.Delay,
                ClassBPingSlotPeriodicity = group.PingSlotPeriodicity,
            },
        };
        return CallAsync("create the multicast group", async options => (await _multicast.CreateAsync(request, options)).Id, cancellationToken);
    }

    /// <summary>Adds a device to a group.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="devEui">The device.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when ChirpStack accepted it.</returns>
    public Task AddDeviceAsync(string groupId, DevEui devEui, CancellationToken cancellationToken = default) =>
        CallAsync("add the device", async options => await _multicast.AddDeviceAsync(new AddDeviceToMulticastGroupRequest { MulticastGroupId = groupId, DevEui = devEui.ToString() }, options), cancellationToken);

    /// <summary>Adds a gateway to a group (otherwise ChirpStack picks gateways from the members' recent uplinks).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="gatewayId">The gateway id (hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when ChirpStack accepted it.</returns>
    public Task AddGatewayAsync(string groupId, string gatewayId, CancellationToken cancellationToken = default) =>
        CallAsync("add the gateway", async options => await _multicast.AddGatewayAsync(new AddGatewayToMulticastGroupRequest { MulticastGroupId = groupId, GatewayId = gatewayId }, options), cancellationToken);

    /// <summary>
    /// Enqueues a multicast frame; returns the frame counter ChirpStack assigned (the server owns it: a counter in the
    /// request would be ignored). Give <paramref name="expiresAt"/> the session end, so a late frame is dropped, not sent.
    /// </summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="fPort">The FPort, 1 to 223.</param>
    /// <param name="payload">The plaintext FRMPayload.</param>
    /// <param name="expiresAt">When ChirpStack should drop it unsent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frame counter used.</returns>
    public Task<uint> EnqueueMulticastAsync(string groupId, byte fPort, ReadOnlyMemory<byte> payload, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var request = new EnqueueMulticastGroupQueueItemRequest
        {
            QueueItem = new MulticastGroupQueueItem
            {
                MulticastGroupId = groupId,
                FPort = fPort,
                Data = ByteString.CopyFrom(payload.Span),
                ExpiresAt = expiresAt is DateTimeOffset at ? Timestamp.FromDateTimeOffset(at) : null,
            },
        };
        return CallAsync("enqueue the multicast frame", async options => (await _multicast.EnqueueAsync(request, options)).FCnt, cancellationToken);
    }

    /// <summary>Gets how many frames are still queued for a group (ChirpStack reports no multicast transmissions otherwise).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queue depth.</returns>
    public Task<int> GetQueueDepthAsync(string groupId, CancellationToken cancellationToken = default) =>
        CallAsync("list the multicast queue", async options => (await _multicast.ListQueueAsync(new ListMulticastGroupQueueRequest { MulticastGroupId = groupId }, options)).Items.Count, cancellationToken);

    /// <summary>Drops every frame still queued for a group (the closed loop stops early).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is empty.</returns>
    public Task FlushMulticastAsync(string groupId, CancellationToken cancellationToken = default) =>
        CallAsync("flush the multicast queue", async options => await _multicast.FlushQueueAsync(new FlushMulticastGroupQueueRequest { MulticastGroupId = groupId }, options), cancellationToken);

    /// <summary>Deletes a group (only after its session window has closed).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the group is gone.</returns>
    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        CallAsync("delete the multicast group", async options => await _multicast.DeleteAsync(new DeleteMulticastGroupRequest { Id = groupId }, options), cancellationToken);

    /// <summary>Enqueues a unicast downlink through <c>DeviceService.Enqueue</c>; returns the queue item id.</summary>
    /// <param name="devEui">The device.</param>
    /// <param name="fPort">The FPort, 1 to 223.</param>
    /// <param name="payload">The plaintext FRMPayload.</param>
    /// <param name="confirmed">Whether the downlink is confirmed.</param>
    /// <param name="expiresAt">When ChirpStack should drop it unsent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queue item id.</returns>
    public Task<string> EnqueueUnicastAsync(DevEui devEui, byte fPort, ReadOnlyMemory<byte> payload, bool confirmed = false, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        var request = new EnqueueDeviceQueueItemRequest
        {
            QueueItem = new DeviceQueueItem
            {
                DevEui = devEui.ToString(),
                FPort = fPort,
                Confirmed = confirmed,
                Data = ByteString.CopyFrom(payload.Span),
                ExpiresAt = expiresAt is DateTimeOffset at ? Timestamp.FromDateTimeOffset(at) : null,
            },
        };
        return CallAsync("enqueue the downlink", async options => (await _devices.EnqueueAsync(request, options)).Id, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _channel.Dispose();

    /// <summary>The engine's region as ChirpStack's API names it.</summary>
    internal static CommonRegion ToChirpStack(EngineRegion region) => region switch
    {
        EngineRegion.EU868 => CommonRegion.Eu868,
        EngineRegion.US915 => CommonRegion.Us915,
        EngineRegion.AU915 => CommonRegion.Au915,
        EngineRegion.AS923Group1 => CommonRegion.As923,
        EngineRegion.AS923Group2 => CommonRegion.As9232,
        EngineRegion.AS923Group3 => CommonRegion.As9233,
        EngineRegion.AS923Group4 => CommonRegion.As9234,
        EngineRegion.IN865 => CommonRegion.In865,
        EngineRegion.KR920 => CommonRegion.Kr920,
        EngineRegion.CN470 => CommonRegion.Cn470,
        EngineRegion.RU864 => CommonRegion.Ru864,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "ChirpStack has no such region."),
    };

    private async Task<T> CallAsync<T>(string what, Func<CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var options = new CallOptions(_headers, cancellationToken: linked.Token);
        try
        {
            return await call(options).ConfigureAwait(false);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            string hint = ex.StatusCode switch
            {
                StatusCode.Unauthenticated or StatusCode.PermissionDenied => " Check the API token and its rights.",
                StatusCode.Unavailable => $" Is ChirpStack's API reachable at {_options.Address}?",
                StatusCode.Cancelled or StatusCode.DeadlineExceeded => $" No answer within {_options.CallTimeout.TotalSeconds:F0} s.",
                _ => string.Empty,
            };
            string detail = string.IsNullOrWhiteSpace(ex.Status.Detail) ? string.Empty : " (" + ex.Status.Detail + ")";
            throw new ChirpStackApiException($"ChirpStack could not {what}: {ex.StatusCode}{detail}.{hint}", ex) { StatusCode = ex.StatusCode.ToString() };
        }
    }

    private Task<Empty> CallAsync(string what, Func<CallOptions, Task<Empty>> call, CancellationToken cancellationToken) =>
        CallAsync<Empty>(what, call, cancellationToken);
}

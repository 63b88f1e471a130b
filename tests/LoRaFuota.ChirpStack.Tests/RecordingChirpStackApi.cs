using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoRaFuota.ChirpStack.Protocol.Api;

namespace LoRaFuota.ChirpStack.Tests;

/// <summary>
/// An in-process stand-in for ChirpStack's multicast and device services that records what the client sends, checks
/// the bearer token, and assigns frame counters the way ChirpStack does (the group's counter, request value ignored).
/// </summary>
internal sealed class RecordingChirpStackApi
{
    /// <summary>Serves this recording API over in-process HTTP/2 (a TestServer); the caller disposes it.</summary>
    public async Task<WebApplication> StartServerAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<Multicast>();
        builder.Services.AddSingleton<Devices>();
        WebApplication server = builder.Build();
        server.MapGrpcService<Multicast>();
        server.MapGrpcService<Devices>();
        await server.StartAsync();
        return server;
    }

    public const string Token = "test-token";

    public Dictionary<string, MulticastGroup> Groups { get; } = [];

    public Dictionary<string, List<string>> Members { get; } = [];

    public Dictionary<string, List<MulticastGroupQueueItem>> Queues { get; } = [];

    public Dictionary<string, List<string>> Gateways { get; } = [];

    public List<DeviceQueueItem> Unicast { get; } = [];

    public List<string> Authorizations { get; } = [];

    public void Authorize(ServerCallContext context)
    {
        string? value = context.RequestHeaders.GetValue("authorization");
        lock (Authorizations)
        {
            Authorizations.Add(value ?? string.Empty);
        }

        if (value != "Bearer " + Token)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid token"));
        }
    }

    internal sealed class Multicast(RecordingChirpStackApi api) : MulticastGroupService.MulticastGroupServiceBase
    {
        public override Task<CreateMulticastGroupResponse> Create(CreateMulticastGroupRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            string id = Guid.NewGuid().ToString();
            request.MulticastGroup.Id = id;
            api.Groups[id] = request.MulticastGroup;
            api.Members[id] = [];
            api.Queues[id] = [];
            return Task.FromResult(new CreateMulticastGroupResponse { Id = id });
        }

        public override Task<Empty> AddDevice(AddDeviceToMulticastGroupRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            Group(request.MulticastGroupId);
            api.Members[request.MulticastGroupId].Add(request.DevEui);
            return Task.FromResult(new Empty());
        }

        public override Task<Empty> AddGateway(AddGatewayToMulticastGroupRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            Group(request.MulticastGroupId);
            api.Gateways.TryAdd(request.MulticastGroupId, []);
            api.Gateways[request.MulticastGroupId].Add(request.GatewayId);
            return Task.FromResult(new Empty());
        }

        public override Task<EnqueueMulticastGroupQueueItemResponse> Enqueue(EnqueueMulticastGroupQueueItemRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            MulticastGroup group = Group(request.QueueItem.MulticastGroupId);
            request.QueueItem.FCnt = group.FCnt++; // the server's counter; whatever the request said is ignored
            api.Queues[group.Id].Add(request.QueueItem);
            return Task.FromResult(new EnqueueMulticastGroupQueueItemResponse { FCnt = request.QueueItem.FCnt });
        }

        public override Task<ListMulticastGroupQueueResponse> ListQueue(ListMulticastGroupQueueRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            var response = new ListMulticastGroupQueueResponse();
            response.Items.AddRange(api.Queues[Group(request.MulticastGroupId).Id]);
            return Task.FromResult(response);
        }

        public override Task<Empty> FlushQueue(FlushMulticastGroupQueueRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            api.Queues[Group(request.MulticastGroupId).Id].Clear();
            return Task.FromResult(new Empty());
        }

        public override Task<Empty> Delete(DeleteMulticastGroupRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            Group(request.Id);
            api.Groups.Remove(request.Id);
            return Task.FromResult(new Empty());
        }

        private MulticastGroup Group(string id) =>
            api.Groups.TryGetValue(id, out MulticastGroup? group) ? group : throw new RpcException(new Status(StatusCode.NotFound, "Object does not exist (id: " + id + ")"));
    }

    internal sealed class Devices(RecordingChirpStackApi api) : DeviceService.DeviceServiceBase
    {
        public override Task<EnqueueDeviceQueueItemResponse> Enqueue(EnqueueDeviceQueueItemRequest request, ServerCallContext context)
        {
            api.Authorize(context);
            request.QueueItem.Id = Guid.NewGuid().ToString();
            api.Unicast.Add(request.QueueItem);
            return Task.FromResult(new EnqueueDeviceQueueItemResponse { Id = request.QueueItem.Id });
        }
    }
}

using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoRaFuota.ChirpStack.Protocol.Api;

namespace LoRaFuota.Emulation.ChirpStack;

/// <summary>The emulated <c>api.MulticastGroupService</c>.</summary>
internal sealed class EmulatedMulticastService(ChirpStackEmulator emulator) : MulticastGroupService.MulticastGroupServiceBase
{
    public override Task<CreateMulticastGroupResponse> Create(CreateMulticastGroupRequest request, ServerCallContext context)
    {
        Authorize(context);
        MulticastGroup spec = request.MulticastGroup ?? throw Invalid("multicast_group is required");
        if (spec.ApplicationId != emulator.Options.ApplicationId)
        {
            throw new RpcException(new Status(StatusCode.NotFound, "Object does not exist (application " + spec.ApplicationId + ")"));
        }

        if (spec.McAddr.Length != 8 || spec.McAppSKey.Length != 32 || spec.McNwkSKey.Length != 32 || spec.ClassBPingSlotPeriodicity > 7)
        {
            throw Invalid("mc_addr must be 8 hex digits, the keys 32, the ping-slot periodicity 0 to 7");
        }

        return Task.FromResult(new CreateMulticastGroupResponse { Id = emulator.CreateGroup(spec.Clone()).Id });
    }

    public override Task<Empty> AddDevice(AddDeviceToMulticastGroupRequest request, ServerCallContext context)
    {
        Authorize(context);
        Group(request.MulticastGroupId).Devices.Add(request.DevEui);
        return Task.FromResult(new Empty());
    }

    public override Task<Empty> AddGateway(AddGatewayToMulticastGroupRequest request, ServerCallContext context)
    {
        Authorize(context);
        Group(request.MulticastGroupId).Gateways.Add(request.GatewayId);
        return Task.FromResult(new Empty());
    }

    public override Task<EnqueueMulticastGroupQueueItemResponse> Enqueue(EnqueueMulticastGroupQueueItemRequest request, ServerCallContext context)
    {
        Authorize(context);
        MulticastGroupQueueItem item = request.QueueItem ?? throw Invalid("queue_item is required");
        if (item.FPort is 0 or > 255)
        {
            throw Invalid("f_port must be 1 to 255");
        }

        return Task.FromResult(new EnqueueMulticastGroupQueueItemResponse { FCnt = emulator.EnqueueMulticast(Group(item.MulticastGroupId), item.Clone()) });
    }

    public override Task<ListMulticastGroupQueueResponse> ListQueue(ListMulticastGroupQueueRequest request, ServerCallContext context)
    {
        Authorize(context);
        var response = new ListMulticastGroupQueueResponse();
        response.Items.AddRange(emulator.QueueItems(Group(request.MulticastGroupId)));
        return Task.FromResult(response);
    }

    public override Task<Empty> Delete(DeleteMulticastGroupRequest request, ServerCallContext context)
    {
        Authorize(context);
        emulator.DeleteGroup(Group(request.Id));
        return Task.FromResult(new Empty());
    }

    private EmulatedGroup Group(string id) =>
        emulator.FindGroup(id) ?? throw new RpcException(new Status(StatusCode.NotFound, "Object does not exist (id: " + id + ")"));

    private void Authorize(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("authorization") != "Bearer " + emulator.Options.ApiToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authorization token is invalid"));
        }
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));
}

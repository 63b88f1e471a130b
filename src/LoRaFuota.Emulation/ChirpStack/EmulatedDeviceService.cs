using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoRaFuota.ChirpStack.Protocol.Api;

namespace LoRaFuota.Emulation.ChirpStack;

/// <summary>The emulated <c>api.DeviceService</c> queue calls.</summary>
internal sealed class EmulatedDeviceService(ChirpStackEmulator emulator) : DeviceService.DeviceServiceBase
{
    public override Task<EnqueueDeviceQueueItemResponse> Enqueue(EnqueueDeviceQueueItemRequest request, ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("authorization") != "Bearer " + emulator.Options.ApiToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authorization token is invalid"));
        }

        DeviceQueueItem item = request.QueueItem ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "queue_item is required"));
        if (item.FPort is 0 or > 255 || !DevEui.TryParse(item.DevEui, out DevEui eui))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "dev_eui must be 16 hex digits and f_port 1 to 255"));
        }

        return Task.FromResult(new EnqueueDeviceQueueItemResponse { Id = emulator.EnqueueUnicast(eui, (byte)item.FPort, item.Data.ToByteArray()) });
    }

    public override Task<Empty> FlushQueue(FlushDeviceQueueRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "the emulator does not flush device queues"));
}

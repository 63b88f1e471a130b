using System.Buffers;
using System.Globalization;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Campaigns.State;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns;

/// <content>Uplinks: which package a port belongs to, each command to its handler, bad payloads to events.</content>
public sealed partial class FuotaCampaign
{
    private void DispatchUplink(DeviceUplink uplink)
    {
        if (!_byEui.TryGetValue(uplink.DevEui, out DeviceState? device))
        {
            _events.Add(new UplinkRejected(Now, uplink.DevEui, uplink.FPort, "the device is not in the campaign"));
            return;
        }

        byte port = uplink.FPort;
        if (port == device.ClockSyncPort)
        {
            Walk(device, uplink, AppLayerPackage.ClockSync, device.ClockSyncVersion ?? PackageVersion.V1);
        }
        else if (port == device.FragmentationPort)
        {
            Walk(device, uplink, AppLayerPackage.Fragmentation, device.FragmentationVersion ?? PackageVersion.V1);
        }
        else if (port == device.MulticastSetupPort)
        {
            Walk(device, uplink, AppLayerPackage.MulticastSetup, device.MulticastSetupVersion ?? PackageVersion.V1);
        }
        else if (port == Settings.VersionPort)
        {
            if (_versionProtocol.TryReadReport(uplink.Payload.Span, out string version))
            {
                OnVersionReport(device, version);
            }
            else
            {
                Reject(device, port, "not a firmware version report");
            }
        }

        // Any other port is the device's own application traffic: not the campaign's business.
    }

    private void Walk(DeviceState device, DeviceUplink uplink, AppLayerPackage package, PackageVersion version)
    {
        var reader = new AppLayerPayloadReader(uplink.Payload.Span, package, version, LinkDirection.Uplink);
        while (reader.Read())
        {
            Handle(device, package, version, reader.Command, reader.CommandBytes, uplink.ReceivedAt);
        }

        if (reader.Status != OperationStatus.Done)
        {
            Reject(device, uplink.FPort, string.Create(CultureInfo.InvariantCulture, $"{reader.Error} at byte {reader.ErrorOffset}"));
        }
    }

    private void Handle(DeviceState device, AppLayerPackage package, PackageVersion version, AppLayerCommand command, ReadOnlySpan<byte> bytes, DateTimeOffset receivedAt)
    {
        switch (command)
        {
            case AppLayerCommand.PackageVersionAns when PackageVersionAns.TryRead(bytes, version, out var answer, out _):
                OnPackageVersion(device, package, answer);
                break;
            case AppLayerCommand.AppTimeReq when AppTimeReq.TryRead(bytes, version, out var request, out _):
                OnAppTimeRequest(device, request, receivedAt);
                break;
            case AppLayerCommand.FragSessionSetupAns when FragSessionSetupAns.TryRead(bytes, version, out var answer, out _):
                OnFragSetupAnswer(device, answer);
                break;
            case AppLayerCommand.FragSessionStatusAns when FragSessionStatusAns.TryRead(bytes, version, out var answer, out _):
                OnStatusAnswer(device, answer);
                break;
            case AppLayerCommand.FragSessionDeleteAns:
                Answered(device, RequestKind.FragDelete);
                break;
            case AppLayerCommand.FragDataBlockReceivedReq when FragDataBlockReceivedReq.TryRead(bytes, version, out var request, out _):
                OnDataBlockReceived(device, request);
                break;
            case AppLayerCommand.McGroupSetupAns when McGroupSetupAns.TryRead(bytes, version, out var answer, out _):
                OnGroupSetupAnswer(device, answer);
                break;
            case AppLayerCommand.McGroupDeleteAns:
                Answered(device, RequestKind.GroupDelete);
                break;
            case AppLayerCommand.McClassCSessionAns or AppLayerCommand.McClassBSessionAns:
                OnSessionAnswer(device, command, bytes, version, receivedAt);
                break;
            default:
                break; // McGroupStatusAns, DeviceAppTimePeriodicityAns: nothing the campaign asked for
        }
    }
}

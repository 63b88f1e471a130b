using LoRaFuota.ClockSync;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;

namespace LoRaFuota.Simulation.Devices;

/// <content>TS003: AppTimeReq at boot and on ForceDeviceResync, AppTimeAns with its token, periodicity.</content>
public sealed partial class VirtualDevice
{
    private static readonly TimeSpan s_resyncSpacing = TimeSpan.FromSeconds(20);

    private byte _tokenReq;               // TS003: starts at 0, +1 mod 16 on each applied answer
    private int _appTimeRequests;         // AppTimeReq uplinks still to send
    private bool _appTimeAnsRequired;
    private DateTimeOffset? _nextResync;

    private void ScheduleAppTimeRequest(DateTimeOffset at, bool ansRequired, int count = 1)
    {
        _appTimeRequests = count;
        _appTimeAnsRequired = ansRequired;
        _nextResync = at;
    }

    private void RunClockTimers(DateTimeOffset now)
    {
        if (!(_nextResync <= now))
        {
            return;
        }

        // DeviceTime is read just before the uplink goes out (TS003 §2.3).
        var request = new AppTimeReq(GpsTime.ToUInt32(DeviceGpsSeconds(now)), _tokenReq, _appTimeAnsRequired);
        Transmit(now, _options.ClockSyncPort, request.ToArray());
        _appTimeRequests--;
        _nextResync = _appTimeRequests > 0 ? now + s_resyncSpacing : null;
    }

    private void OnClockSync(DateTimeOffset now, ReadOnlySpan<byte> payload, PackageVersion version, List<byte> answers)
    {
        var reader = new AppLayerPayloadReader(payload, AppLayerPackage.ClockSync, version, LinkDirection.Downlink);
        while (reader.Read())
        {
            ReadOnlySpan<byte> bytes = reader.CommandBytes;
            switch (reader.Command)
            {
                case AppLayerCommand.PackageVersionReq:
                    answers.AddRange(new PackageVersionAns(PackageVersionAns.ClockSyncIdentifier, (byte)version).ToArray());
                    break;
                case AppLayerCommand.AppTimeAns when AppTimeAns.TryRead(bytes, version, out AppTimeAns answer, out _) && answer.TokenAns == _tokenReq:
                    _clockOffsetTicks += answer.TimeCorrection * TimeSpan.TicksPerSecond;
                    _tokenReq = (byte)((_tokenReq + 1) & 0x0F);
                    _appTimeRequests = 0;
                    _nextResync = null;
                    if (version == PackageVersion.V2 && answer.TimeCorrection is int.MaxValue or int.MinValue)
                    {
                        ScheduleAppTimeRequest(now + _options.AnswerDelay, ansRequired: true); // TS003 v2: saturated, ask again
                    }

                    break;
                case AppLayerCommand.DeviceAppTimePeriodicityReq:
                    answers.AddRange(new DeviceAppTimePeriodicityAns(NotSupported: false, GpsTime.ToUInt32(DeviceGpsSeconds(now))).ToArray());
                    break;
                case AppLayerCommand.ForceDeviceResyncReq when ForceDeviceResyncReq.TryRead(bytes, version, out ForceDeviceResyncReq force, out _) && force.NbTransmissions > 0:
                    ScheduleAppTimeRequest(now + _options.AnswerDelay, ansRequired: false, force.NbTransmissions);
                    break;
                case AppLayerCommand.ForceDeviceResyncCmd when ForceDeviceResyncCmd.TryRead(bytes, version, out ForceDeviceResyncCmd force, out _) && force.NbTransmissions > 0:
                    ScheduleAppTimeRequest(now + _options.AnswerDelay, ansRequired: false, force.NbTransmissions);
                    break;
                default:
                    break; // an AppTimeAns with a stale token is ignored (TS003 §2.3)
            }
        }
    }
}

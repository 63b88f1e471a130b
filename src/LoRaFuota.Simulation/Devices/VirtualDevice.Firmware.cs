using LoRaFuota.Campaigns;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Packages;

namespace LoRaFuota.Simulation.Devices;

/// <content>The install, the reboot and the TS006 version report.</content>
public sealed partial class VirtualDevice
{
    private DateTimeOffset? _installAt;
    private string? _pendingSha256;

    private void ScheduleInstall(DateTimeOffset now, string sha256)
    {
        _pendingSha256 = sha256;
        _installAt = now + _options.InstallDuration;
    }

    private void Install(DateTimeOffset now)
    {
        _installAt = null;
        InstalledSha256 = _pendingSha256;
        RunningVersion = _expectedVersion ?? RunningVersion;
        Reboots++;

        // A reboot clears RAM: groups, sessions, queued uplinks, timers. SessionCntPrev and the clock survive.
        Array.Clear(_groups);
        Array.Clear(_sessions);
        _outbox.Clear();
        _ackRetryAt = null;
        _appTimeRequests = 0;
        _nextResync = null;
        _pullAt = null;
        _tokenReq = 0;
        _lastScheduled = now;
        if (_options.ReportsVersionOnBoot)
        {
            ScheduleUplink(now + _options.AnswerDelay, _options.VersionPort, VersionAnswer().ToArray());
        }

        if (_options.ClockSyncVersion is not null)
        {
            ScheduleAppTimeRequest(now + _options.AnswerDelay + _options.AnswerDelay, ansRequired: true);
        }
    }

    private void OnFirmwareManagement(ReadOnlySpan<byte> payload, List<byte> answers)
    {
        if (DevVersionReq.TryRead(payload, PackageVersion.V1, out _, out _))
        {
            answers.AddRange(VersionAnswer().ToArray());
        }
    }

    private DevVersionAns VersionAnswer()
    {
        DevVersionProtocol.TryEncode(RunningVersion, out uint firmware);
        return new DevVersionAns(firmware, _options.HardwareVersion);
    }
}

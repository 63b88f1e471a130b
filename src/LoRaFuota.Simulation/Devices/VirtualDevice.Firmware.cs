using LoRaFuota.Campaigns;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Packages;
using LoRaFuota.Signing;

namespace LoRaFuota.Simulation.Devices;

/// <content>The install, the reboot and the TS006 version report.</content>
public sealed partial class VirtualDevice
{
    private DateTimeOffset? _installAt;
    private string? _pendingSha256;
    private string? _pendingVersion;

    private void ScheduleInstall(DateTimeOffset now, string sha256, string? version)
    {
        _pendingSha256 = sha256;
        _pendingVersion = version;
        _installAt = now + _options.InstallDuration;
    }

    // A package is installed only when intact (and, with a key, signed by it); its manifest names the version it brings.
    private bool CheckPackage(ReadOnlySpan<byte> block, out string? version)
    {
        version = null;
        if (!FirmwarePackage.HasMagic(block))
        {
            return _options.PackagePublicKey is null; // a raw image: only for a device that does not insist on signatures
        }

        if (FirmwarePackage.TryRead(block.ToArray(), out FirmwarePackage? package) is not null)
        {
            return false;
        }

        if (_options.PackagePublicKey is ReadOnlyMemory<byte> spki)
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(spki.Span, out _);
            if (!package!.VerifySignature(key))
            {
                return false;
            }
        }

        version = package!.Manifest.Version;
        return true;
    }

    private void Install(DateTimeOffset now)
    {
        _installAt = null;
        InstalledSha256 = _pendingSha256;
        RunningVersion = _pendingVersion ?? _expectedVersion ?? _options.RawImageVersion?.Invoke(_pendingSha256!) ?? RunningVersion;
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

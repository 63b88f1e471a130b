using LoRaFuota.Campaigns;
using LoRaFuota.Regions;
using LoRaFuota.Security;
using LoRaFuota.Simulation.Channels;

namespace LoRaFuota.Simulation.Devices;

/// <summary>
/// A device-side implementation of TS003, TS004 and TS005 (v1 and v2) and the TS006 version report, answering as the
/// specifications say: it derives its keys, keeps multicast session windows (class C, or class B ping slots from the
/// McAddr and the beacon time), decodes with its memory limit (optionally in order, as LoRaMac-node and LoRa Basics
/// Modem do), checks the v2 MIC and the image SHA-256, installs, reboots and reports its new version.
/// </summary>
/// <remarks>Driven by <see cref="Network.SimulatedNetwork"/>; all randomness comes from the seed it is built with.</remarks>
public sealed partial class VirtualDevice
{
    private static readonly TimeSpan s_minUplinkGap = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_pullDelay = TimeSpan.FromSeconds(5);
    private const byte ApplicationPort = 1;

    private readonly VirtualDeviceOptions _options;
    private readonly RegionalParameters _region;
    private readonly SimulationRandom _random;
    private readonly LossProcess _channel;
    private readonly Key128 _mcKEKey;
    private readonly Key128? _dataBlockIntKey;
    private readonly List<(DateTimeOffset At, byte Port, byte[] Payload)> _outbox = []; // scheduled uplinks, in time order
    private IDeviceRadio? _radio;
    private DateTimeOffset _epoch;            // the simulation start: drift counts from here
    private long _clockOffsetTicks;           // device clock − true time at the epoch, corrections included
    private DateTimeOffset _nextPeriodic;
    private DateTimeOffset? _pullAt;
    private DateTimeOffset _lastScheduled;
    private string? _expectedSha256;          // the manifest that comes with the image
    private string? _expectedVersion;

    /// <summary>Initializes a new instance of the <see cref="VirtualDevice"/> class.</summary>
    /// <param name="options">What the device implements and how it behaves.</param>
    /// <param name="region">The region (valid data rates and frequencies for session requests).</param>
    /// <param name="seed">The seed of the device's channel and timing.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public VirtualDevice(VirtualDeviceOptions options, RegionalParameters region, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(region);
        options.Channel.Validate();
        if (options.MaxMulticastGroups is < 1 or > 4 || options.MaxFragSessions is < 1 or > 4 || options.MaxNbFrag < 1 || options.MaxFragSize < 1)
        {
            throw new ArgumentException("MaxMulticastGroups and MaxFragSessions must be 1 to 4; MaxNbFrag and MaxFragSize at least 1.", nameof(options));
        }

        if (options.PackagePublicKey is ReadOnlyMemory<byte> spki)
        {
            CheckPublicKey(spki.Span);
        }

        _options = options;
        _region = region;
        _random = SimulationRandom.For(seed, (long)options.DevEui.Value);
        _channel = new LossProcess(options.Channel, SimulationRandom.For(seed, ~(long)options.DevEui.Value));
        Key128 mcRootKey = options.RootKeyKind switch
        {
            RootKeyKind.AppKey => MulticastKeys.DeriveMcRootKeyFromAppKey(options.RootKey),
            RootKeyKind.McRootKey => options.RootKey,
            _ => MulticastKeys.DeriveMcRootKeyFromGenAppKey(options.RootKey),
        };
        _mcKEKey = MulticastKeys.DeriveMcKEKey(mcRootKey);
        _dataBlockIntKey = options.RootKeyKind == RootKeyKind.McRootKey ? null : DataBlockIntegrity.DeriveDataBlockIntKey(options.RootKey);
        _groups = new McGroup?[options.MaxMulticastGroups];
        _sessions = new FragSession?[options.MaxFragSessions];
        _sessionCntPrev = new int[options.MaxFragSessions];
        Array.Fill(_sessionCntPrev, options.LastSessionCnt);
        RunningVersion = options.FirmwareVersion;
    }

    // A key that cannot be read would make the device refuse every image: say so at once.
    private static void CheckPublicKey(ReadOnlySpan<byte> options)
    {
        try
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(options, out _);
            if (key.KeySize != 256)
            {
                throw new ArgumentException($"PackagePublicKey must be an ECDSA P-256 key; this one has {key.KeySize} bits.", nameof(options));
            }
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ArgumentException($"PackagePublicKey is not an ECDSA SubjectPublicKeyInfo ({options.Length} bytes); give the DER public key, or null for none.", nameof(options), ex);
        }
    }

    /// <summary>Gets the DevEUI.</summary>
    public DevEui DevEui => _options.DevEui;

    /// <summary>Gets the options.</summary>
    public VirtualDeviceOptions Options => _options;

    /// <summary>Gets the firmware version the device runs now.</summary>
    public string RunningVersion { get; private set; }

    /// <summary>Gets the SHA-256 of the image the device installed, or null.</summary>
    public string? InstalledSha256 { get; private set; }

    /// <summary>Gets the DataFragments the device took into a session (repeats and fragments after completion included).</summary>
    public int FragmentsReceived { get; private set; }

    /// <summary>Gets how often the device rebooted into a new image.</summary>
    public int Reboots { get; private set; }

    /// <summary>Gets how often a rebuilt block failed the v2 MIC or the SHA-256 check (and was not installed).</summary>
    public int IntegrityFailures { get; private set; }

    /// <summary>Gets the multicast frames the device heard but dropped (wrong key, counter, window, slot, data rate or frequency).</summary>
    public int MulticastDropped { get; private set; }

    /// <summary>Gets the uplinks the device sent (lost ones included).</summary>
    public int UplinksSent { get; private set; }

    /// <summary>Gets when the device next needs to act, or null.</summary>
    internal DateTimeOffset? NextWake { get; private set; }

    /// <summary>Gets the device clock's error now, in seconds (device − true).</summary>
    /// <param name="now">The true time.</param>
    /// <returns>The error.</returns>
    public double ClockErrorSeconds(DateTimeOffset now) => (DeviceTime(now) - now).TotalSeconds;

    /// <summary>Tells the device which image is genuine: the manifest a real image would carry (SHA-256 and version).</summary>
    /// <param name="sha256">The image's SHA-256, 64 hex digits.</param>
    /// <param name="version">The version the image installs.</param>
    public void ExpectImage(string sha256, string version)
    {
        _expectedSha256 = sha256;
        _expectedVersion = version;
    }

    /// <summary>Draws whether the device loses the next frame (either direction).</summary>
    internal bool LoseFrame() => _channel.Lose();

    /// <summary>Switches the device on at <paramref name="now"/>: its first uplink comes at a random point of its first interval.</summary>
    internal void Boot(DateTimeOffset now, IDeviceRadio radio)
    {
        _radio = radio;
        _epoch = now;
        _clockOffsetTicks = _options.ClockOffset.Ticks;
        _lastScheduled = now;
        _nextPeriodic = now + TimeSpan.FromTicks((long)(_random.NextDouble() * _options.UplinkInterval.Ticks));
        if (_options.ClockSyncVersion is not null)
        {
            ScheduleAppTimeRequest(_nextPeriodic, ansRequired: true); // a booting device asks for the time
        }

        UpdateWake();
    }

    /// <summary>Does whatever is due at <paramref name="now"/>.</summary>
    internal void Wake(DateTimeOffset now)
    {
        if (_options.Offline)
        {
            NextWake = null;
            return;
        }

        if (_installAt <= now)
        {
            Install(now);
        }

        while (_outbox.Count > 0 && _outbox[0].At <= now)
        {
            (_, byte port, byte[] payload) = _outbox[0];
            _outbox.RemoveAt(0);
            Transmit(now, port, payload);
        }

        RunClockTimers(now);
        RunAckTimer(now);
        if (_pullAt <= now)
        {
            _pullAt = null;
            Transmit(now, 0, []);
        }

        if (_nextPeriodic <= now)
        {
            _nextPeriodic = now + _options.UplinkInterval;
            Transmit(now, ApplicationPort, [(byte)UplinksSent]);
        }

        UpdateWake();
    }

    /// <summary>A unicast downlink arrived in a receive window; <paramref name="framePending"/> is the FPending bit.</summary>
    internal void OnDownlink(DateTimeOffset now, byte port, ReadOnlySpan<byte> payload, bool framePending)
    {
        if (framePending && _options.PullsPendingDownlinks && _pullAt is null)
        {
            _pullAt = now + s_pullDelay;
        }

        Dictionary<byte, List<byte>> answers = [];
        Dispatch(now, port, payload, multicastGroup: -1, answers);
        SendAnswers(now, answers);
    }

    // The answers to the commands of one downlink go back together, one uplink per port.
    private void SendAnswers(DateTimeOffset now, Dictionary<byte, List<byte>> answers)
    {
        foreach ((byte answerPort, List<byte> bytes) in answers)
        {
            ScheduleUplink(now + _options.AnswerDelay, answerPort, [.. bytes]);
        }

        UpdateWake();
    }

    private void Dispatch(DateTimeOffset now, byte port, ReadOnlySpan<byte> payload, int multicastGroup, Dictionary<byte, List<byte>> answers)
    {
        if (port == _options.ClockSyncPort && _options.ClockSyncVersion is PackageVersion clockSync && multicastGroup < 0)
        {
            OnClockSync(now, payload, clockSync, Answers(answers, port));
        }
        else if (port == _options.FragmentationPort)
        {
            OnFragmentation(now, payload, multicastGroup, Answers(answers, port));
        }
        else if (port == _options.MulticastSetupPort && multicastGroup < 0)
        {
            OnMulticastSetup(now, payload, Answers(answers, port));
        }
        else if (port == _options.VersionPort && multicastGroup < 0)
        {
            OnFirmwareManagement(payload, Answers(answers, port));
        }
    }

    private static List<byte> Answers(Dictionary<byte, List<byte>> answers, byte port)
    {
        if (!answers.TryGetValue(port, out List<byte>? list))
        {
            list = [];
            answers.Add(port, list);
        }

        return list;
    }

    /// <summary>Queues an uplink at <paramref name="at"/> or, the radio being busy, a second after the previous one.</summary>
    private void ScheduleUplink(DateTimeOffset at, byte port, byte[] payload)
    {
        if (payload.Length == 0)
        {
            return;
        }

        if (at < _lastScheduled + s_minUplinkGap)
        {
            at = _lastScheduled + s_minUplinkGap;
        }

        _lastScheduled = at;
        int index = _outbox.Count;
        while (index > 0 && _outbox[index - 1].At > at)
        {
            index--;
        }

        _outbox.Insert(index, (at, port, payload));
    }

    private void Transmit(DateTimeOffset now, byte port, byte[] payload)
    {
        UplinksSent++;
        _radio?.Transmit(this, now, port, payload);
    }

    private void UpdateWake()
    {
        if (_options.Offline)
        {
            NextWake = null;
            return;
        }

        DateTimeOffset next = _nextPeriodic;
        next = Min(next, _installAt);
        next = Min(next, _outbox.Count > 0 ? _outbox[0].At : null);
        next = Min(next, _pullAt);
        next = Min(next, _nextResync);
        NextWake = Min(next, _ackRetryAt);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset? b) => b is DateTimeOffset value && value < a ? value : a;

    private DateTimeOffset DeviceTime(DateTimeOffset now)
    {
        double drift = (now - _epoch).Ticks * _options.ClockDriftPpm / 1e6;
        return now + TimeSpan.FromTicks(_clockOffsetTicks + (long)drift);
    }

    private long DeviceGpsSeconds(DateTimeOffset now) => GpsTime.FromDateTimeOffset(DeviceTime(now));
}

using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Planning;
using LoRaFuota.Security;

namespace LoRaFuota.Simulation.Devices;

/// <content>TS005: groups, their keys and frame counters, class C and class B session windows; multicast reception.</content>
public sealed partial class VirtualDevice
{
    private static readonly TimeSpan s_slotTolerance = TimeSpan.FromMilliseconds(30);
    private readonly McGroup?[] _groups;
    private readonly TimeSpan[] _slotOffsets = new TimeSpan[128];
    private (long Beacon, uint McAddr, byte Periodicity) _slotKey = (-1, 0, 0);
    private int _slotCount;

    private void OnMulticastSetup(DateTimeOffset now, ReadOnlySpan<byte> payload, List<byte> answers)
    {
        PackageVersion version = _options.MulticastSetupVersion;
        var reader = new AppLayerPayloadReader(payload, AppLayerPackage.MulticastSetup, version, LinkDirection.Downlink);
        while (reader.Read())
        {
            ReadOnlySpan<byte> bytes = reader.CommandBytes;
            switch (reader.Command)
            {
                case AppLayerCommand.PackageVersionReq:
                    answers.AddRange(new PackageVersionAns(PackageVersionAns.MulticastSetupIdentifier, (byte)version).ToArray());
                    break;
                case AppLayerCommand.McGroupStatusReq when McGroupStatusReq.TryRead(bytes, version, out McGroupStatusReq status, out _):
                    answers.AddRange(GroupStatus(status.ReqGroupMask).ToArray());
                    break;
                case AppLayerCommand.McGroupSetupReq when McGroupSetupReq.TryRead(bytes, version, out McGroupSetupReq setup, out _):
                    answers.AddRange(SetUpGroup(setup).ToArray());
                    break;
                case AppLayerCommand.McGroupDeleteReq when McGroupDeleteReq.TryRead(bytes, version, out McGroupDeleteReq delete, out _):
                    bool defined = delete.McGroupId < _groups.Length && _groups[delete.McGroupId] is not null;
                    if (defined)
                    {
                        _groups[delete.McGroupId] = null;
                    }

                    answers.AddRange(new McGroupDeleteAns(delete.McGroupId, McGroupUndefined: !defined).ToArray());
                    break;
                case AppLayerCommand.McClassCSessionReq when McClassCSessionReq.TryRead(bytes, version, out McClassCSessionReq c, out _):
                    McSessionOutcome cOutcome = StartSession(now, c.McGroupId, MulticastClass.ClassC, c.SessionTime, AppLayerTiming.GetClassCSessionTimeout(c.TimeOut), c.DlFrequencyHz, c.DataRate, 0);
                    answers.AddRange(new McClassCSessionAns
                    {
                        Version = version,
                        McGroupId = c.McGroupId,
                        DrError = cOutcome.DrError,
                        FreqError = cOutcome.FreqError,
                        McGroupUndefined = cOutcome.Undefined,
                        StartMissed = cOutcome.StartMissed,
                        TimeToStart = cOutcome.TimeToStart,
                    }.ToArray());
                    break;
                case AppLayerCommand.McClassBSessionReq when McClassBSessionReq.TryRead(bytes, version, out McClassBSessionReq b, out _):
                    McSessionOutcome bOutcome = StartSession(now, b.McGroupId, MulticastClass.ClassB, b.SessionTime, AppLayerTiming.GetClassBSessionTimeout(b.TimeOut), b.DlFrequencyHz, b.DataRate, b.Periodicity);
                    answers.AddRange(new McClassBSessionAns
                    {
                        Version = version,
                        McGroupId = b.McGroupId,
                        DrError = bOutcome.DrError,
                        FreqError = bOutcome.FreqError,
                        McGroupUndefined = bOutcome.Undefined,
                        StartMissed = bOutcome.StartMissed,
                        TimeToStart = bOutcome.TimeToStart,
                    }.ToArray());
                    break;
                default:
                    break;
            }
        }
    }

    private McGroupSetupAns SetUpGroup(McGroupSetupReq setup)
    {
        if (setup.McGroupId >= _groups.Length)
        {
            return new McGroupSetupAns(setup.McGroupId, IdError: true);
        }

        Key128 mcKey = MulticastKeys.DecryptMcKey(_mcKEKey, setup.McKeyEncrypted);
        _groups[setup.McGroupId] = new McGroup
        {
            McAddr = setup.McAddr,
            McAppSKey = MulticastKeys.DeriveMcAppSKey(mcKey, setup.McAddr),
            MinFCnt = setup.MinMcFCnt,
            MaxFCnt = setup.MaxMcFCnt,
        };
        return new McGroupSetupAns(setup.McGroupId, IdError: false);
    }

    private McGroupStatusAns GroupStatus(byte requested)
    {
        byte mask = 0;
        byte total = 0;
        McGroupAddresses addresses = default;
        for (int id = 0; id < _groups.Length; id++)
        {
            if (_groups[id] is McGroup group)
            {
                total++;
                if ((requested & (1 << id)) != 0)
                {
                    mask |= (byte)(1 << id);
                    addresses[id] = group.McAddr;
                }
            }
        }

        return new McGroupStatusAns { AnsGroupMask = mask, NbTotalGroups = total, McAddresses = addresses };
    }

    private McSessionOutcome StartSession(DateTimeOffset now, byte groupId, MulticastClass @class, uint sessionTime, TimeSpan length, uint frequencyHz, byte dataRate, byte periodicity)
    {
        McGroup? group = groupId < _groups.Length ? _groups[groupId] : null;
        bool drError = !_region.TryGetDownlinkDataRate(dataRate, dwellTime: false, out _);
        bool freqError = !FrequencyOk(frequencyHz);
        bool undefined = group is null;
        if (drError || freqError || undefined)
        {
            return new McSessionOutcome(drError, freqError, undefined, false, null);
        }

        long deviceNow = DeviceGpsSeconds(now);
        long start = GpsTime.FromUInt32(sessionTime, deviceNow);
        if (start < deviceNow)
        {
            // v2 has a StartMissed bit; LoRaMac-node (v1) reports a start in the past as an undefined group.
            bool v2 = _options.MulticastSetupVersion == PackageVersion.V2;
            return new McSessionOutcome(false, false, !v2, v2, null);
        }

        group!.Session = new McSession(@class, start, length, frequencyHz, dataRate, periodicity);
        return new McSessionOutcome(false, false, false, false, (uint)Math.Min(start - deviceNow, McClassCSessionAns.SaturatedTimeToStart));
    }

    private bool FrequencyOk(uint frequencyHz) =>
        frequencyHz % DownlinkFrequency.StepHz == 0 && frequencyHz <= DownlinkFrequency.MaxHz
        && (_region.SubBands.Count == 0 || _region.SubBands.Any(band => band.Contains(frequencyHz)));

    /// <summary>A multicast frame is on the air: true if the device took it (its group, window, slot, key and counter).</summary>
    internal bool OnMulticast(DateTimeOffset now, in MulticastFrame frame)
    {
        int id = _groups.Length - 1;
        while (id >= 0 && (_groups[id] is not McGroup candidate || candidate.McAddr != frame.McAddr))
        {
            id--;
        }

        if (id < 0 || _options.Offline)
        {
            return false; // not a group of this device
        }

        McGroup group = _groups[id]!;
        if (LoseFrame())
        {
            return false; // the radio never decoded it
        }

        if (!Hears(now, group, frame))
        {
            MulticastDropped++;
            return false;
        }

        group.LastFCnt = frame.FCnt;
        Dictionary<byte, List<byte>> answers = [];
        Dispatch(now, frame.FPort, frame.Payload.Span, id, answers);
        SendAnswers(now, answers);
        return true;
    }

    private bool Hears(DateTimeOffset now, McGroup group, in MulticastFrame frame)
    {
        if (group.Session is not McSession session || session.Class != frame.Class || session.DataRate != frame.DataRate || session.FrequencyHz != frame.FrequencyHz)
        {
            return false;
        }

        DateTimeOffset deviceNow = DeviceTime(now);
        DateTimeOffset start = GpsTime.ToDateTimeOffset(session.StartGps);
        if (deviceNow < start || deviceNow >= start + session.Length)
        {
            return false; // outside the device's session window, by its own clock
        }

        if (session.Class == MulticastClass.ClassB && !InPingSlot(now, group.McAddr, session.Periodicity))
        {
            return false;
        }

        // A frame under another key fails the MIC; a counter outside the range or not above the last is a replay.
        return frame.McAppSKey == group.McAppSKey
            && frame.FCnt >= group.MinFCnt && frame.FCnt <= group.MaxFCnt && (group.LastFCnt is not uint last || frame.FCnt > last);
    }

    // A class B device locked on the beacon listens only in its group's ping slots (kept for the current beacon period).
    private bool InPingSlot(DateTimeOffset now, uint mcAddr, byte periodicity)
    {
        long beacon = GpsTime.FromDateTimeOffset(now) / 128 * 128;
        if (_slotKey != (beacon, mcAddr, periodicity))
        {
            _slotKey = (beacon, mcAddr, periodicity);
            _slotCount = PingSlots.GetSlotOffsets(beacon, mcAddr, periodicity, _slotOffsets);
        }

        TimeSpan into = now - GpsTime.ToDateTimeOffset(beacon);
        for (int i = 0; i < _slotCount; i++)
        {
            if ((into - _slotOffsets[i]).Duration() < s_slotTolerance)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class McGroup
    {
        public uint McAddr { get; init; }

        public Key128 McAppSKey { get; init; }

        public uint MinFCnt { get; init; }

        public uint MaxFCnt { get; init; }

        public uint? LastFCnt { get; set; }

        public McSession? Session { get; set; }
    }

    private sealed record McSession(MulticastClass Class, long StartGps, TimeSpan Length, uint FrequencyHz, int DataRate, byte Periodicity);

    private readonly record struct McSessionOutcome(bool DrError, bool FreqError, bool Undefined, bool StartMissed, uint? TimeToStart);
}

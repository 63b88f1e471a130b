using System.Security.Cryptography;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Security;

namespace LoRaFuota.Simulation.Devices;

/// <content>TS004: sessions, SessionCnt replay protection, decoding, the v2 MIC, status answers and FragDataBlockReceivedReq.</content>
public sealed partial class VirtualDevice
{
    private const int MaxAckAttempts = 3;
    private static readonly TimeSpan s_ackSpacing = TimeSpan.FromSeconds(30);

    private readonly FragSession?[] _sessions;
    private readonly int[] _sessionCntPrev;   // non-volatile, per FragIndex: the last SessionCnt that received a fragment
    [ThreadStatic]
    private static byte[]? s_blockScratch;

    private DateTimeOffset? _ackRetryAt;
    private int _ackAttempts;
    private byte _ackIndex;
    private bool _ackMicError;

    private void OnFragmentation(DateTimeOffset now, ReadOnlySpan<byte> payload, int multicastGroup, List<byte> answers)
    {
        if (!payload.IsEmpty && payload[0] == DataFragment.Cid)
        {
            OnDataFragment(now, payload, multicastGroup);
            return;
        }

        PackageVersion version = _options.FragmentationVersion;
        var reader = new AppLayerPayloadReader(payload, AppLayerPackage.Fragmentation, version, LinkDirection.Downlink);
        bool multicast = multicastGroup >= 0;
        while (reader.Read())
        {
            ReadOnlySpan<byte> bytes = reader.CommandBytes;
            switch (reader.Command)
            {
                case AppLayerCommand.PackageVersionReq when !multicast:
                    answers.AddRange(new PackageVersionAns(PackageVersionAns.FragmentationIdentifier, (byte)version).ToArray());
                    break;
                case AppLayerCommand.FragSessionSetupReq when !multicast && FragSessionSetupReq.TryRead(bytes, version, out FragSessionSetupReq setup, out _):
                    answers.AddRange(SetUpSession(setup).ToArray());
                    break;
                case AppLayerCommand.FragSessionDeleteReq when !multicast && FragSessionDeleteReq.TryRead(bytes, version, out FragSessionDeleteReq delete, out _):
                    bool exists = delete.FragIndex < _sessions.Length && _sessions[delete.FragIndex] is not null;
                    if (exists)
                    {
                        _sessions[delete.FragIndex] = null;
                    }

                    answers.AddRange(new FragSessionDeleteAns(delete.FragIndex, SessionDoesNotExist: !exists).ToArray());
                    break;
                case AppLayerCommand.FragSessionStatusReq when FragSessionStatusReq.TryRead(bytes, version, out FragSessionStatusReq status, out _):
                    AnswerStatus(now, status, multicastGroup);
                    break;
                case AppLayerCommand.FragDataBlockReceivedAns when !multicast && FragDataBlockReceivedAns.TryRead(bytes, version, out FragDataBlockReceivedAns ack, out _) && ack.FragIndex == _ackIndex:
                    _ackRetryAt = null;
                    break;
                default:
                    break; // setup, delete and version requests are unicast only (TS004 §3)
            }
        }
    }

    private FragSessionSetupAns SetUpSession(FragSessionSetupReq setup)
    {
        PackageVersion version = _options.FragmentationVersion;
        bool indexUnsupported = setup.FragIndex >= _sessions.Length;
        bool memory = setup.NbFrag > _options.MaxNbFrag || setup.FragSize > _options.MaxFragSize
            || (long)setup.NbFrag * setup.FragSize > (long)_options.MaxNbFrag * _options.MaxFragSize;
        bool descriptor = _options.AcceptedDescriptor is uint accepted && accepted != setup.Descriptor;
        bool replay = version == PackageVersion.V2 && !indexUnsupported && setup.SessionCnt <= _sessionCntPrev[setup.FragIndex];
        var answer = new FragSessionSetupAns
        {
            Version = version,
            FragIndex = setup.FragIndex,
            EncodingUnsupported = setup.FragAlgo != 0,
            NotEnoughMemory = memory,
            FragIndexUnsupported = indexUnsupported,
            WrongDescriptor = descriptor,
            SessionCntReplay = replay,
        };
        if (answer.IsAccepted)
        {
            _sessions[setup.FragIndex] = new FragSession(setup); // v2: an accepted setup replaces the session at that index
        }

        return answer;
    }

    private void AnswerStatus(DateTimeOffset now, FragSessionStatusReq request, int multicastGroup)
    {
        PackageVersion version = _options.FragmentationVersion;
        FragSession? session = request.FragIndex < _sessions.Length ? _sessions[request.FragIndex] : null;
        if (multicastGroup >= 0 && (session is null || (session.Setup.McGroupBitMask & (1 << multicastGroup)) == 0))
        {
            return; // not fed by this group
        }

        FragSessionStatusAns answer;
        if (session is null)
        {
            if (version != PackageVersion.V2)
            {
                return;
            }

            answer = new FragSessionStatusAns { Version = version, SessionDoesNotExist = true, OmitsReceivedFields = true };
        }
        else
        {
            int missing = session.Completed ? 0 : session.Decoder?.MissingUncoded ?? session.Setup.NbFrag;
            if (!request.Participants && missing == 0 && !session.MemoryError)
            {
                return; // participants = 0: only devices still missing fragments answer
            }

            answer = new FragSessionStatusAns
            {
                Version = version,
                FragIndex = request.FragIndex,
                NbFragReceived = (ushort)Math.Min(session.Received, ParityMatrix.MaxFragmentNumber),
                MissingFrag = (byte)Math.Min(missing, byte.MaxValue),
                MemoryError = session.MemoryError,
                MicError = version == PackageVersion.V2 && session.MicError,
            };
        }

        // TS004 §3.3: the answer waits a random part of 2^(BlockAckDelay+4) seconds, spreading a group's answers.
        double window = AppLayerTiming.GetBlockAckDelayMax(session?.Setup.BlockAckDelay ?? 0).TotalSeconds;
        ScheduleUplink(now + _options.AnswerDelay + TimeSpan.FromSeconds(_random.NextDouble() * window), _options.FragmentationPort, answer.ToArray());
    }

    private void OnDataFragment(DateTimeOffset now, ReadOnlySpan<byte> payload, int multicastGroup)
    {
        if (!DataFragment.TryRead(payload, out DataFragment fragment, out _) || fragment.FragIndex >= _sessions.Length
            || _sessions[fragment.FragIndex] is not FragSession session)
        {
            return;
        }

        if (multicastGroup >= 0 && (session.Setup.McGroupBitMask & (1 << multicastGroup)) == 0)
        {
            return; // TS004 §3.3: a group not in McGroupBitMask does not feed the session
        }

        FragmentsReceived++;
        if (session.Completed || session.MemoryError)
        {
            return;
        }

        if (!session.Started)
        {
            session.Started = true;
            if (_options.FragmentationVersion == PackageVersion.V2)
            {
                _sessionCntPrev[fragment.FragIndex] = session.Setup.SessionCnt; // TS004 v2: at the first fragment
            }
        }

        session.Decoder ??= new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = session.Setup.NbFrag,
            FragSize = session.Setup.FragSize,
            Padding = session.Setup.Padding,
            Variant = _options.FragmentationVersion == PackageVersion.V2 ? ParityVariant.V2 : ParityVariant.V1,
            MaxLostFragments = _options.MaxLostFragments,
            InOrder = _options.InOrder,
            BatchSize = _options.DecoderBatchSize,
        });
        FragmentResult result = session.Decoder.Process(fragment.N, fragment.Payload);
        session.Received = session.Decoder.FragmentsReceived;
        if (result == FragmentResult.MemoryError)
        {
            session.MemoryError = true;
        }
        else if (result == FragmentResult.Completed)
        {
            OnBlockRebuilt(now, fragment.FragIndex, session);
        }
    }

    private void OnBlockRebuilt(DateTimeOffset now, byte fragIndex, FragSession session)
    {
        // Devices only hash the block, so one scratch copy per thread serves them all (no 256 KiB of garbage per device).
        int length = session.Decoder!.BlockLength;
        if (s_blockScratch is null || s_blockScratch.Length < length)
        {
            s_blockScratch = new byte[length];
        }

        Span<byte> block = s_blockScratch.AsSpan(0, length);
        session.Decoder.CopyBlockTo(block);
        session.Completed = true;
        session.Decoder = null; // the block is in "flash" now; the decoder's memory goes back

        FragSessionSetupReq setup = session.Setup;
        bool v2 = _options.FragmentationVersion == PackageVersion.V2;
        bool micOk = !v2 || (_dataBlockIntKey is Key128 key && DataBlockIntegrity.ComputeMic(key, setup.SessionCnt, fragIndex, setup.Descriptor, block) == setup.Mic);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(block));
        string? version = null;
        bool intact = micOk && (_expectedSha256 is null || sha256 == _expectedSha256) && CheckPackage(block, out version);
        session.MicError = !intact;
        if (v2 && setup.AckReception)
        {
            _ackIndex = fragIndex;
            _ackMicError = !intact;
            _ackAttempts = 0;
            _ackRetryAt = now + TimeSpan.FromSeconds(_random.NextDouble() * AppLayerTiming.GetBlockAckDelayMax(setup.BlockAckDelay).TotalSeconds);
        }

        if (!intact)
        {
            IntegrityFailures++; // never installed
            return;
        }

        ScheduleInstall(now, sha256, version);
    }

    private void RunAckTimer(DateTimeOffset now)
    {
        if (!(_ackRetryAt <= now))
        {
            return;
        }

        _ackAttempts++;
        Transmit(now, _options.FragmentationPort, new FragDataBlockReceivedReq(_ackIndex, _ackMicError).ToArray());
        _ackRetryAt = _ackAttempts < MaxAckAttempts ? now + s_ackSpacing : null; // LoRa Basics Modem tries 3 times
    }

    private sealed class FragSession(FragSessionSetupReq setup)
    {
        public FragSessionSetupReq Setup { get; } = setup;

        public FragmentDecoder? Decoder { get; set; }

        public bool Started { get; set; }

        public bool Completed { get; set; }

        public bool MemoryError { get; set; }

        public bool MicError { get; set; }

        public int Received { get; set; }
    }
}

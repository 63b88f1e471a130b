using System.Buffers;
using BenchmarkDotNet.Attributes;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Payloads;

namespace LoRaFuota.Benchmarks;

/// <summary>Encoding and decoding single commands and walking a multi-command frame. Allocated must read "-".</summary>
public class CodecBenchmarks
{
    private readonly byte[] _buffer = new byte[64];
    private readonly byte[] _setupV2 = Convert.FromHexString("02310004800d4001020304800001020304");
    private readonly byte[] _answers = Convert.FromHexString("0503010204051f");
    private readonly byte[] _fragment = Convert.FromHexString("0800840102030405060708090a0b0c0d0e0f");
    private readonly FragSessionSetupReq _setup = new()
    {
        Version = PackageVersion.V2, FragIndex = 3, McGroupBitMask = 1, NbFrag = 1024, FragSize = 128,
        BlockAckDelay = 5, Padding = 64, Descriptor = 0x04030201, SessionCnt = 128, Mic = 0x04030201,
    };

    private readonly McClassCSessionReq _classC = new() { McGroupId = 2, SessionTime = 1024, TimeOut = 15, DlFrequencyHz = 868_100_000, DataRate = 5 };

    [Benchmark]
    public int WriteFragSessionSetupReq()
    {
        _setup.TryWrite(_buffer, out int written);
        return written;
    }

    [Benchmark]
    public ushort ReadFragSessionSetupReq()
    {
        FragSessionSetupReq.TryRead(_setupV2, PackageVersion.V2, out FragSessionSetupReq value, out _);
        return value.NbFrag;
    }

    [Benchmark]
    public int WriteMcClassCSessionReq()
    {
        _classC.TryWrite(_buffer, out int written);
        return written;
    }

    [Benchmark]
    public int WriteAppTimeAns()
    {
        new AppTimeAns(-34, 8).TryWrite(_buffer, out int written);
        return written;
    }

    [Benchmark]
    public int ReadDataFragment()
    {
        DataFragment.TryRead(_fragment, out DataFragment fragment, out _);
        return fragment.N;
    }

    [Benchmark]
    public int WalkTwoCommandFrame()
    {
        var reader = new AppLayerPayloadReader(_answers, AppLayerPackage.MulticastSetup, PackageVersion.V1, LinkDirection.Uplink);
        int count = 0;
        while (reader.Read())
        {
            count++;
        }

        return reader.Status == OperationStatus.Done ? count : -1;
    }
}

using BenchmarkDotNet.Attributes;
using LoRaFuota.Campaigns;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Security;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Devices;

namespace LoRaFuota.Benchmarks;

/// <summary>
/// The simulator's parts: one virtual device taking a whole 16 KiB image by multicast (set up, every fragment through
/// its key, window and counter checks and the real decoder, the MIC and SHA-256 of the block), and a whole small
/// campaign (100 devices × 16 KiB, EU868 DR5 class C, 5 % loss) from first request to the last teardown answer.
/// </summary>
public class SimulationBenchmarks : IDeviceRadio
{
    private const uint McAddr = 0x01020304;
    private static readonly Key128 s_rootKey = Key128.Parse("2b7e151628aed2a6abf7158809cf4f3c");
    private static readonly Key128 s_mcKey = Key128.Parse("000102030405060708090a0b0c0d0e0f");

    private readonly RegionalParameters _region = RegionalParameters.Get(Region.EU868);
    private byte[][] _frames = [];
    private byte[] _groupSetup = [];
    private byte[] _fragSetup = [];
    private byte[] _session = [];
    private Key128 _appSKey;
    private DateTimeOffset _start;

    [GlobalSetup]
    public void Setup()
    {
        byte[] image = SampleImage.Create(16 * 1024);
        var encoder = new FragmentEncoder(image, 239, ParityVariant.V2);
        _frames = [.. Enumerable.Range(1, encoder.NbFrag + encoder.Layout.GetRedundancy(20)).Select(n =>
        {
            byte[] frame = new byte[DataFragment.HeaderLength + 239];
            encoder.WriteDataFragment(n, 0, frame);
            return frame;
        })];
        Key128 mcKEKey = MulticastKeys.DeriveMcKEKey(MulticastKeys.DeriveMcRootKeyFromGenAppKey(s_rootKey));
        _groupSetup = new McGroupSetupReq { McAddr = McAddr, McKeyEncrypted = MulticastKeys.EncryptMcKey(mcKEKey, s_mcKey), MaxMcFCnt = 10_000 }.ToArray();
        _fragSetup = new FragSessionSetupReq
        {
            Version = PackageVersion.V2, McGroupBitMask = 1, NbFrag = (ushort)encoder.NbFrag, FragSize = 239, Padding = (byte)encoder.Layout.Padding,
            Mic = DataBlockIntegrity.ComputeMic(DataBlockIntegrity.DeriveDataBlockIntKey(s_rootKey), 0, 0, 0, image),
        }.ToArray();
        _start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _session = new McClassCSessionReq { SessionTime = GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(_start)), TimeOut = 14, DlFrequencyHz = 869_525_000, DataRate = 5 }.ToArray();
        _appSKey = MulticastKeys.DeriveMcAppSKey(s_mcKey, McAddr);
    }

    [Benchmark]
    public int VirtualDevice_TakesA16KiBImageByMulticast()
    {
        var device = new VirtualDevice(new VirtualDeviceOptions { DevEui = new DevEui(1), RootKey = s_rootKey }, _region, seed: 1);
        device.Boot(_start, this);
        device.OnDownlink(_start, 200, _groupSetup, framePending: false);
        device.OnDownlink(_start, 201, _fragSetup, framePending: false);
        device.OnDownlink(_start, 200, _session, framePending: false);
        DateTimeOffset at = _start + TimeSpan.FromSeconds(2);
        for (int i = 0; i < _frames.Length; i++)
        {
            device.OnMulticast(at, new MulticastFrame(McAddr, _appSKey, MulticastClass.ClassC, 5, 869_525_000, 0, (uint)i, 201, _frames[i]));
        }

        return device.FragmentsReceived;
    }

    [Benchmark]
    public int Simulate_100Devices16KiB() => CampaignSimulator.Run(new SimulationOptions
    {
        DeviceCount = 100,
        ImageSize = 16 * 1024,
        Loss = 0.05,
        DataRate = 5,
        RedundancyPercent = 20,
    }).Updated;

    void IDeviceRadio.Transmit(VirtualDevice device, DateTimeOffset now, byte port, ReadOnlyMemory<byte> payload)
    {
    }
}

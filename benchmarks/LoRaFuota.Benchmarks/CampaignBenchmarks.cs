using BenchmarkDotNet.Attributes;
using LoRaFuota.Campaigns;
using LoRaFuota.ClockSync;
using LoRaFuota.Packages;

namespace LoRaFuota.Benchmarks;

/// <summary>
/// The orchestrator's cost per call on a 2 000-device campaign (256 KiB, US915 DR13): an uplink to dispatch and answer
/// (an AppTimeReq), and a wake-up with nothing due. These are what every uplink and timer of a real campaign costs.
/// </summary>
public class CampaignBenchmarks
{
    private const int Devices = 2000;

    private FuotaCampaign _campaign = null!;
    private DeviceUplink _appTimeReq;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var keys = new DeviceKeyStore();
        var options = new FuotaCampaignOptions
        {
            Image = new FirmwareImage(new byte[256 * 1024], "bench", "2.0.0"),
            Region = Regions.RegionalParameters.Get(Regions.Region.US915),
            DataRate = 13,
            RedundancyPercent = 20,
        };
        for (int i = 0; i < Devices; i++)
        {
            var eui = new DevEui(0x70B3D57ED0000000UL + (ulong)i);
            keys.Add(eui, RootKeyKind.GenAppKey, default);
            options.Devices.Add(new CampaignDevice { DevEui = eui });
        }

        _campaign = FuotaCampaign.Create(options, keys);
        _now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _campaign.Advance(_now);
        _now += TimeSpan.FromSeconds(1);
        byte[] request = new AppTimeReq(GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(_now)) - 10, 0, AnsRequired: true).ToArray();
        _appTimeReq = new DeviceUplink(options.Devices[Devices / 2].DevEui, 202, request, _now);
    }

    [Benchmark]
    public int HandleUplink_AppTimeReq() => _campaign.HandleUplink(_appTimeReq, _now).Actions.Count;

    [Benchmark]
    public DateTimeOffset? Advance_NothingDue() => _campaign.Advance(_now).NextWakeUp;
}

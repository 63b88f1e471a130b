using System.Text;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.Simulation;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// The fleet file of <c>lorafuota simulate --fleet</c>: any text is a <see cref="FormatException"/> naming what is
/// wrong, or a fleet whose values are in their documented ranges. One parsed fleet in 32 is simulated (a 512-byte
/// image), which must run to an outcome for every device without throwing.
/// </summary>
internal sealed class FleetTarget : IFuzzTarget
{
    private const string Full = """[{"dev_eui": "70b3d57ed0000001", "loss": 0.05, "burst_length": 1, "versions": {"ts003": [1, 2], "ts004": [1, 2], "ts005": [1, 2]}, "max_nb_frag": 4000, "max_frag_size": 242, "max_lost": 400, "in_order": false, "offline": false, "clock_drift_ppm": 20, "uplink_interval_s": 900, "firmware_version": "1.0.0"}]""";

    private int _runs;

    public string Name => "fleet";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Encoding.UTF8.GetBytes(Full),
        Encoding.UTF8.GetBytes("""[{"dev_eui": "70b3d57ed0000001"}, {"dev_eui": "70b3d57ed0000002", "versions": {"ts004": [1]}, "in_order": true, "max_lost": 3}]"""),
        Encoding.UTF8.GetBytes("""[{"dev_eui": "0000000000000001", "offline": true, "clock_offset_s": -40, "burst_length": 4, "loss": 0.5}]"""),
    ];

    public int Execute(ReadOnlySpan<byte> input)
    {
        IReadOnlyList<FleetDevice> fleet;
        try
        {
            fleet = FleetFile.Parse(Encoding.UTF8.GetString(input));
        }
        catch (FormatException ex)
        {
            FuzzFinding.Check(ex.Message.Length > 0, "a fleet error says what is wrong");
            return HashCode.Combine(1, ex.Message.Length > 12 ? ex.Message[..12] : ex.Message);
        }

        foreach (FleetDevice device in fleet)
        {
            FuzzFinding.Check(device.Loss is null or (>= 0 and < 1) && device.BurstLength is null or >= 1, "loss and burst length are in range");
            FuzzFinding.Check(device.MaxNbFrag > 0 && device.MaxFragSize > 0 && device.MaxLost >= 0 && device.UplinkIntervalSeconds > 0, "device limits are positive");
            FuzzFinding.Check(double.IsFinite(device.ClockDriftPpm) && double.IsFinite(device.ClockOffsetSeconds), "clock settings are finite");
            FuzzFinding.Check(device.FragmentationVersions.Count > 0 && device.MulticastSetupVersions.Count > 0, "a device speaks TS004 and TS005");
        }

        if (++_runs % 32 == 0 && fleet.Count <= 4)
        {
            SimulationResult result = CampaignSimulator.Run(new SimulationOptions
            {
                ImageSize = 512,
                Fleet = fleet,
                DataRate = 5,
                Redundancy = 4,
                MaxDuration = TimeSpan.FromDays(3),
            });
            FuzzFinding.Check(result.DeviceResults.Count == fleet.Count, "the simulation reports every device of the fleet");
            return HashCode.Combine(3, result.Updated, result.Failed);
        }

        return HashCode.Combine(2, fleet.Count, fleet[0].InOrder, fleet[0].Offline);
    }
}

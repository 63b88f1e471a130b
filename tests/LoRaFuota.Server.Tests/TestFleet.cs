using LoRaFuota.Simulation;

namespace LoRaFuota.Server.Tests;

/// <summary>
/// Devices with 2-minute uplinks, so a dry run on a 100× clock is short without running the clock so fast that a
/// loaded test machine's few milliseconds of lateness become seconds of campaign time.
/// </summary>
internal static class TestFleet
{
    public const int UplinkSeconds = 120;

    public static IReadOnlyList<FleetDevice> Devices(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new FleetDevice { DevEui = new DevEui(0x70B3D57ED0000000UL + (ulong)i), UplinkIntervalSeconds = UplinkSeconds })];

    /// <summary>Writes the fleet file (the simulate schema) and returns its path.</summary>
    public static string Write(string directory, int count)
    {
        string path = Path.Combine(directory, "fleet.json");
        File.WriteAllText(path, "[" + Request(count) + "]");
        return path;
    }

    /// <summary>The devices as a campaign request lists them (without the brackets).</summary>
    public static string Request(int count) =>
        string.Join(',', Devices(count).Select(d => $$"""{"dev_eui": "{{d.DevEui}}", "uplink_interval_s": {{UplinkSeconds}}}"""));
}

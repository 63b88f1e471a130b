namespace LoRaFuota.Regions;

/// <summary>
/// The RP002-1.0.x tables: per DR the modulation and M/N (N repeater-compatible), default RX2, beacon and ping-slot
/// channels, downlink duty-cycle sub-bands. Sources: the planner reference (EU868, US915), LoRaMac-node region headers
/// and The Things Stack band files for the others. SF5/SF6 rows are RP002-1.0.5 as ChirpStack tabulates them.
/// </summary>
internal static class RegionalTables
{
    private const int Khz125 = 125_000;
    private const int Khz250 = 250_000;
    private const int Khz500 = 500_000;
    private const int Fsk50 = 50_000;

    private static readonly Dictionary<Region, RegionalParameters> s_all = Build();

    /// <summary>Gets every region.</summary>
    public static IReadOnlyCollection<RegionalParameters> All => s_all.Values;

    internal static RegionalParameters Get(Region region) =>
        s_all.TryGetValue(region, out RegionalParameters? parameters)
            ? parameters
            : throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown region.");

    internal static bool TryParse(string name, out RegionalParameters? parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToUpperInvariant().Replace('-', '_');
        foreach (RegionalParameters candidate in s_all.Values)
        {
            string candidateKey = candidate.Name.Replace('-', '_');
            if (key == candidateKey || (key == "AS923" && candidate.Region == Region.AS923Group1))
            {
                parameters = candidate;
                return true;
            }
        }

        parameters = null;
        return false;
    }

    private static Dictionary<Region, RegionalParameters> Build()
    {
        var all = new Dictionary<Region, RegionalParameters>();
        DutyCycleSubBand[] eu868 =
        [
            new(863_000_000, 865_000_000, 0.001),
            new(865_000_000, 868_000_000, 0.01),
            new(868_000_000, 868_600_000, 0.01),
            new(868_700_000, 869_200_000, 0.001),
            new(869_400_000, 869_650_000, 0.1),
            new(869_700_000, 870_000_000, 0.01),
        ];
        all[Region.EU868] = new RegionalParameters(
            Region.EU868,
            "EU868",
            [
                LoRa(0, 12, Khz125, 59, 51, 51), LoRa(1, 11, Khz125, 59, 51, 51), LoRa(2, 10, Khz125, 59, 51, 51),
                LoRa(3, 9, Khz125, 123, 115, 115), LoRa(4, 8, Khz125, 250, 242, 222), LoRa(5, 7, Khz125, 250, 242, 222),
                LoRa(6, 7, Khz250, 250, 242, 222), Fsk(7, 250, 242, 222), Uplink(8), Uplink(9), Uplink(10), Uplink(11),
                LoRa(12, 6, Khz125, 250, 242, 222), LoRa(13, 5, Khz125, 250, 242, 222),
            ],
            null,
            (869_525_000, 0),
            (869_525_000, 3),
            (869_525_000, 3),
            eu868);

        DataRate?[] us915 =
        [
            null, null, null, null, null, null, null, null,
            LoRa(8, 12, Khz500, 61, 53, 33), LoRa(9, 11, Khz500, 137, 129, 109), LoRa(10, 10, Khz500, 250, 242, 222),
            LoRa(11, 9, Khz500, 250, 242, 222), LoRa(12, 8, Khz500, 250, 242, 222), LoRa(13, 7, Khz500, 250, 242, 222),
            LoRa(14, 6, Khz500, 250, 242, 222),
        ];
        const string Hopping = "Class B beacons and ping slots hop over the 8 downlink channels 923.3 + 0.6·n MHz; the value given is channel 0.";
        all[Region.US915] = new RegionalParameters(Region.US915, "US915", us915, null, (923_300_000, 8), (923_300_000, 8), (923_300_000, 8), [], Hopping);
        all[Region.AU915] = new RegionalParameters(Region.AU915, "AU915", us915, null, (923_300_000, 8), (923_300_000, 8), (923_300_000, 8), [], Hopping);

        DataRate?[] as923 =
        [
            LoRa(0, 12, Khz125, 59, 51, 51), LoRa(1, 11, Khz125, 59, 51, 51), LoRa(2, 10, Khz125, 123, 115, 115),
            LoRa(3, 9, Khz125, 123, 115, 115), LoRa(4, 8, Khz125, 250, 242, 222), LoRa(5, 7, Khz125, 250, 242, 222),
            LoRa(6, 7, Khz250, 250, 242, 222), Fsk(7, 250, 242, 222),
        ];
        DataRate?[] as923Dwell =
        [
            null, null, LoRa(2, 10, Khz125, 19, 11, 11), LoRa(3, 9, Khz125, 61, 53, 53), LoRa(4, 8, Khz125, 133, 125, 125),
            LoRa(5, 7, Khz125, 250, 242, 222), LoRa(6, 7, Khz250, 250, 242, 222), Fsk(7, 250, 242, 222),
        ];
        (Region Region, string Name, int OffsetHz)[] groups =
        [
            (Region.AS923Group1, "AS923-1", 0), (Region.AS923Group2, "AS923-2", -1_800_000),
            (Region.AS923Group3, "AS923-3", -6_600_000), (Region.AS923Group4, "AS923-4", -5_900_000),
        ];
        foreach ((Region region, string name, int offset) in groups)
        {
            all[region] = new RegionalParameters(
                region,
                name,
                as923,
                as923Dwell,
                ((uint)(923_200_000 + offset), 2),
                ((uint)(923_400_000 + offset), 3),
                ((uint)(923_400_000 + offset), 3),
                [],
                "AS923 duty-cycle and listen-before-talk rules are national; check the country's rules.");
        }

        DataRate?[] sf12To7 =
        [
            LoRa(0, 12, Khz125, 59, 51, 51), LoRa(1, 11, Khz125, 59, 51, 51), LoRa(2, 10, Khz125, 59, 51, 51),
            LoRa(3, 9, Khz125, 123, 115, 115), LoRa(4, 8, Khz125, 250, 242, 222), LoRa(5, 7, Khz125, 250, 242, 222),
        ];
        all[Region.IN865] = new RegionalParameters(
            Region.IN865, "IN865", [.. sf12To7, null, Fsk(7, 250, 242, 222)], null, (866_550_000, 2), (866_550_000, 4), (866_550_000, 4), []);
        all[Region.KR920] = new RegionalParameters(
            Region.KR920, "KR920", sf12To7, null, (921_900_000, 0), (923_100_000, 3), (923_100_000, 3), []);
        all[Region.CN470] = new RegionalParameters(
            Region.CN470,
            "CN470",
            [
                LoRa(0, 12, Khz125, 0, 0, 0), LoRa(1, 11, Khz125, 31, 23, 23), LoRa(2, 10, Khz125, 94, 86, 86),
                LoRa(3, 9, Khz125, 192, 184, 184), LoRa(4, 8, Khz125, 250, 242, 222), LoRa(5, 7, Khz125, 250, 242, 222),
                LoRa(6, 7, Khz500, 250, 242, 222), Fsk(7, 250, 242, 222),
            ],
            null,
            (505_300_000, 1),
            (505_300_000, 2),
            (505_300_000, 2),
            [],
            "CN470 RX2, beacon and ping-slot frequencies depend on the channel plan (20 MHz or 26 MHz, A or B); pass the frequency explicitly.");
        all[Region.RU864] = new RegionalParameters(
            Region.RU864,
            "RU864",
            [.. sf12To7, LoRa(6, 7, Khz250, 250, 242, 222), Fsk(7, 250, 242, 222)],
            null,
            (869_100_000, 0),
            (869_100_000, 3),
            (868_900_000, 3),
            [new DutyCycleSubBand(864_000_000, 870_000_000, 0.01)]);
        return all;
    }

    private static DataRate LoRa(int index, int sf, int bandwidth, int m, int n, int nRepeater) =>
        new(index, Modulation.LoRa, sf, bandwidth, 0, m, n, nRepeater);

    private static DataRate Fsk(int index, int m, int n, int nRepeater) =>
        new(index, Modulation.Fsk, 0, 0, Fsk50, m, n, nRepeater);

    private static DataRate Uplink(int index) => new(index, Modulation.LrFhss, 0, 0, 0, 0, 0, 0);
}

namespace LoRaFuota.Simulation.Tests;

public sealed class FleetFileTests
{
    [Fact]
    public void Parse_FullEntry_ReadsEveryField()
    {
        const string json = """
            [{"dev_eui": "70b3d57ed0000001", "loss": 0.05, "burst_length": 2, "versions": {"ts003": [1, 2], "ts004": [1], "ts005": [2]},
              "max_nb_frag": 4000, "max_frag_size": 242, "max_lost": 400, "in_order": true, "offline": false,
              "clock_drift_ppm": 20, "clock_offset_s": -3.5, "uplink_interval_s": 900, "firmware_version": "1.0.0"}]
            """;

        FleetDevice device = Assert.Single(FleetFile.Parse(json));

        Assert.Equal(DevEui.Parse("70b3d57ed0000001"), device.DevEui);
        Assert.Equal(0.05, device.Loss);
        Assert.Equal(2, device.BurstLength);
        Assert.Equal([1, 2], device.ClockSyncVersions);
        Assert.Equal([1], device.FragmentationVersions);
        Assert.Equal([2], device.MulticastSetupVersions);
        Assert.True(device.InOrder);
        Assert.Equal(-3.5, device.ClockOffsetSeconds);
        Assert.Equal(900, device.UplinkIntervalSeconds);
        Assert.Equal("1.0.0", device.FirmwareVersion);
    }

    [Fact]
    public void Parse_OnlyDevEui_TakesTheDocumentedDefaults()
    {
        FleetDevice device = Assert.Single(FleetFile.Parse("""[{"dev_eui": "0000000000000002"}]"""));

        Assert.Null(device.Loss);
        Assert.Null(device.BurstLength);
        Assert.Equal([1, 2], device.FragmentationVersions);
        Assert.Equal(4000, device.MaxNbFrag);
        Assert.Equal(242, device.MaxFragSize);
        Assert.Equal(400, device.MaxLost);
        Assert.False(device.InOrder);
        Assert.False(device.Offline);
        Assert.Equal(20, device.ClockDriftPpm);
        Assert.Equal(900, device.UplinkIntervalSeconds);
        Assert.Equal("1.0.0", device.FirmwareVersion);
    }

    [Theory]
    [InlineData("""[{"dev_eui": "0000000000000002", "colour": "red"}]""", "device 0000000000000002: unknown field \"colour\"")]
    [InlineData("""[{"dev_eui": "0000000000000002", "loss": 1}]""", "device 0000000000000002: loss")]
    [InlineData("""[{"dev_eui": "0000000000000002", "loss": "5%"}]""", "device 0000000000000002: loss")]
    [InlineData("""[{"dev_eui": "0000000000000002", "max_frag_size": 256}]""", "device 0000000000000002: max_frag_size")]
    [InlineData("""[{"dev_eui": "0000000000000002", "versions": {"ts004": [3]}}]""", "device 0000000000000002: versions.ts004")]
    [InlineData("""[{"dev_eui": "0000000000000002", "versions": {"ts005": []}}]""", "device 0000000000000002: versions.ts005")]
    [InlineData("""[{"dev_eui": "0000000000000002", "versions": {"ts007": [1]}}]""", "versions.ts007")]
    [InlineData("""[{"dev_eui": "0000000000000002", "in_order": 1}]""", "device 0000000000000002: in_order")]
    [InlineData("""[{"dev_eui": "0000000000000002", "uplink_interval_s": 0}]""", "device 0000000000000002: uplink_interval_s")]
    [InlineData("""[{"dev_eui": "0000000000000002", "firmware_version": ""}]""", "firmware_version")]
    [InlineData("""[{"loss": 0.1}]""", "device #1: dev_eui is required")]
    [InlineData("""[{"dev_eui": "zz"}]""", "device #1: dev_eui")]
    [InlineData("""[{"dev_eui": "0000000000000002"}, {"dev_eui": "0000000000000002"}]""", "appears twice")]
    [InlineData("""[]""", "non-empty JSON array")]
    [InlineData("""{"dev_eui": "0000000000000002"}""", "non-empty JSON array")]
    [InlineData("""[{"dev_eui": """, "not valid JSON")]
    [InlineData("""[{"dev_eui": "0000000000000002"}, 7]""", "device #2: must be a JSON object")]
    public void Parse_Mistake_NamesTheDeviceAndTheField(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => FleetFile.Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}

using LoRaFuota.Regions;

namespace LoRaFuota.Tests.Regions;

public class TimeOnAirTests
{
    [Fact]
    public void LoRa_SF7_125kHz_20Bytes_WithCrc_Is56Point6Ms() =>
        Assert.Equal(56.6, TimeOnAir.ForLoRa(7, 125_000, 20, crc: true).TotalMilliseconds, 1);

    [Fact]
    public void LoRa_SF12_125kHz_64Bytes_WithoutCrc_Is2793Ms() =>
        Assert.Equal(2793, TimeOnAir.ForLoRa(12, 125_000, 64, crc: false).TotalMilliseconds, 0);

    [Theory]
    // planner-reference §4.5: full-size fragments, downlink CRC off.
    [InlineData(Region.EU868, 2, 64, 698)]
    [InlineData(Region.EU868, 3, 128, 677)]
    [InlineData(Region.EU868, 4, 255, 697)]
    [InlineData(Region.EU868, 5, 255, 395)]
    [InlineData(Region.US915, 8, 66, 616)]
    [InlineData(Region.US915, 10, 255, 564)]
    [InlineData(Region.US915, 13, 255, 99)]
    public void Downlink_MatchesTheReferenceTable(Region region, int dr, int phyBytes, double milliseconds)
    {
        Assert.True(RegionalParameters.Get(region).TryGetDownlinkDataRate(dr, false, out DataRate? rate));
        Assert.InRange(TimeOnAir.ForDownlink(rate!, phyBytes - TimeOnAir.PhyOverhead).TotalMilliseconds, milliseconds - 1, milliseconds + 1); // the table rounds to 1 ms
    }

    [Fact]
    public void LoRa_SF5AndSF6_UseTheSx126xForm()
    {
        // SF6/125 kHz, 20 bytes, CRC on: (12 + 6.25) + 8 + ceil((160 − 24 + 20 + 16)/24)·5 = 26.25 + 40 = 66.25 symbols of 0.512 ms.
        Assert.Equal(66.25 * 0.512, TimeOnAir.ForLoRa(6, 125_000, 20, crc: true).TotalMilliseconds, 3);
    }

    [Fact]
    public void Fsk_CountsPreambleSyncLengthAndCrc() =>
        Assert.Equal(8.0 * (5 + 3 + 1 + 50 + 2) / 50_000 * 1000, TimeOnAir.ForFsk(50_000, 50).TotalMilliseconds, 6);

    [Fact]
    public void LowDataRateOptimisation_FollowsTheLoRaWANRule()
    {
        Assert.True(TimeOnAir.ForLoRa(11, 125_000, 50, false) < TimeOnAir.ForLoRa(11, 125_000, 50, false, lowDataRateOptimize: false) * 1.3);
        Assert.NotEqual(TimeOnAir.ForLoRa(12, 125_000, 50, false), TimeOnAir.ForLoRa(12, 125_000, 50, false, lowDataRateOptimize: false));
        Assert.Equal(TimeOnAir.ForLoRa(10, 125_000, 50, false), TimeOnAir.ForLoRa(10, 125_000, 50, false, lowDataRateOptimize: false));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeOnAir.ForLoRa(4, 125_000, 10, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeOnAir.ForLoRa(7, 0, 10, false));
        Assert.Throws<ArgumentException>(() => TimeOnAir.ForDownlink(new DataRate(8, Modulation.LrFhss, 0, 0, 0, 0, 0, 0), 10));
    }
}

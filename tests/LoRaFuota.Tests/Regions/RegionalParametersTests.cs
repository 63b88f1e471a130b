using LoRaFuota.Regions;

namespace LoRaFuota.Tests.Regions;

public class RegionalParametersTests
{
    [Theory]
    // planner-reference §4.2 EU868: DR, M, N, N repeater, max fragment.
    [InlineData(0, 12, 59, 51, 51, 48)]
    [InlineData(2, 10, 59, 51, 51, 48)]
    [InlineData(3, 9, 123, 115, 115, 112)]
    [InlineData(4, 8, 250, 242, 222, 239)]
    [InlineData(5, 7, 250, 242, 222, 239)]
    [InlineData(12, 6, 250, 242, 222, 239)]
    [InlineData(13, 5, 250, 242, 222, 239)]
    public void EU868_MatchesTheReferenceTable(int dr, int sf, int m, int n, int repeater, int maxFragment)
    {
        Assert.True(RegionalParameters.Get(Region.EU868).TryGetDownlinkDataRate(dr, false, out DataRate? rate));
        Assert.Equal((sf, 125_000, m, n, repeater), (rate!.SpreadingFactor, rate.BandwidthHz, rate.MaxMacPayload, rate.MaxPayload, rate.MaxPayloadRepeater));
        Assert.Equal(maxFragment, rate.GetMaxFragmentSize());
        Assert.Equal(repeater - 3, rate.GetMaxFragmentSize(repeaterCompatible: true));
    }

    [Fact]
    public void EU868_DR6IsSF7At250kHz_DR7IsFsk_DR8To11AreUplinkOnly()
    {
        RegionalParameters eu = RegionalParameters.Get(Region.EU868);
        Assert.True(eu.TryGetDownlinkDataRate(6, false, out DataRate? dr6));
        Assert.Equal(250_000, dr6!.BandwidthHz);
        Assert.True(eu.TryGetDownlinkDataRate(7, false, out DataRate? dr7));
        Assert.Equal(Modulation.Fsk, dr7!.Modulation);
        Assert.False(eu.TryGetDownlinkDataRate(8, false, out _));
        Assert.False(eu.TryGetDownlinkDataRate(14, false, out _));
    }

    [Theory]
    // planner-reference §4.2 US915 downlink.
    [InlineData(8, 12, 61, 53, 33, 50)]
    [InlineData(9, 11, 137, 129, 109, 126)]
    [InlineData(10, 10, 250, 242, 222, 239)]
    [InlineData(13, 7, 250, 242, 222, 239)]
    [InlineData(14, 6, 250, 242, 222, 239)]
    public void US915_MatchesTheReferenceTable(int dr, int sf, int m, int n, int repeater, int maxFragment)
    {
        Assert.True(RegionalParameters.Get(Region.US915).TryGetDownlinkDataRate(dr, false, out DataRate? rate));
        Assert.Equal((sf, 500_000, m, n, repeater, maxFragment), (rate!.SpreadingFactor, rate.BandwidthHz, rate.MaxMacPayload, rate.MaxPayload, rate.MaxPayloadRepeater, rate.GetMaxFragmentSize()));
        Assert.False(RegionalParameters.Get(Region.US915).TryGetDownlinkDataRate(3, false, out _)); // uplink DRs carry no downlink
    }

    [Fact]
    public void DefaultChannels_MatchTheReference()
    {
        RegionalParameters eu = RegionalParameters.Get(Region.EU868);
        Assert.Equal((869_525_000u, 0), (eu.Rx2FrequencyHz, eu.Rx2DataRate));
        Assert.Equal((869_525_000u, 3), (eu.PingSlotFrequencyHz, eu.PingSlotDataRate));
        Assert.Equal((869_525_000u, 3), (eu.BeaconFrequencyHz, eu.BeaconDataRate));
        RegionalParameters us = RegionalParameters.Get(Region.US915);
        Assert.Equal((923_300_000u, 8), (us.Rx2FrequencyHz, us.Rx2DataRate));
        Assert.Equal(8, us.BeaconDataRate);
    }

    [Theory]
    [InlineData(869_525_000, 0.1)]
    [InlineData(868_100_000, 0.01)]
    [InlineData(868_900_000, 0.001)]
    [InlineData(863_500_000, 0.001)]
    [InlineData(869_800_000, 0.01)]
    [InlineData(868_650_000, 1.0)] // the gap between sub-bands: no limit listed
    public void EU868_DutyCycleSubBands(long hz, double dutyCycle) =>
        Assert.Equal(dutyCycle, RegionalParameters.Get(Region.EU868).GetDutyCycle(hz));

    [Fact]
    public void US915_HasNoDutyCycle_RU864Has1Percent()
    {
        Assert.Equal(1.0, RegionalParameters.Get(Region.US915).GetDutyCycle(923_300_000));
        Assert.Equal(0.01, RegionalParameters.Get(Region.RU864).GetDutyCycle(869_100_000));
    }

    [Fact]
    public void AS923_DwellTime_SwitchesTheTable()
    {
        RegionalParameters as923 = RegionalParameters.Get(Region.AS923Group1);
        Assert.True(as923.HasDownlinkDwellTime);
        Assert.True(as923.TryGetDownlinkDataRate(2, false, out DataRate? free));
        Assert.True(as923.TryGetDownlinkDataRate(2, true, out DataRate? dwell));
        Assert.Equal((115, 11), (free!.MaxPayload, dwell!.MaxPayload));
        Assert.False(as923.TryGetDownlinkDataRate(0, true, out _));
        Assert.Equal(923_200_000u, as923.Rx2FrequencyHz);
        Assert.Equal(921_400_000u, RegionalParameters.Get(Region.AS923Group2).Rx2FrequencyHz);
        Assert.Equal(916_600_000u, RegionalParameters.Get(Region.AS923Group3).Rx2FrequencyHz);
        Assert.Equal(917_300_000u, RegionalParameters.Get(Region.AS923Group4).Rx2FrequencyHz);
    }

    [Theory]
    [InlineData("eu868", Region.EU868)]
    [InlineData("AS923-2", Region.AS923Group2)]
    [InlineData("as923_3", Region.AS923Group3)]
    [InlineData("AS923", Region.AS923Group1)]
    [InlineData("IN865", Region.IN865)]
    [InlineData("KR920", Region.KR920)]
    [InlineData("CN470", Region.CN470)]
    [InlineData("RU864", Region.RU864)]
    [InlineData("AU915", Region.AU915)]
    public void TryParse_KnowsEveryRegion(string name, Region region)
    {
        Assert.True(RegionalParameters.TryParse(name, out RegionalParameters? parameters));
        Assert.Equal(region, parameters!.Region);
    }

    [Fact]
    public void EveryRegion_HasDownlinkRatesAndItsDefaultDataRates()
    {
        Assert.Equal(11, RegionalTables.All.Count);
        foreach (RegionalParameters region in RegionalTables.All)
        {
            Assert.NotEmpty(region.GetDownlinkDataRates());
            Assert.True(region.TryGetDownlinkDataRate(region.PingSlotDataRate, false, out _), region.Name);
            Assert.True(region.TryGetDownlinkDataRate(region.Rx2DataRate, false, out _) || region.Region == Region.CN470, region.Name);
        }

        Assert.False(RegionalParameters.TryParse("XX999", out _));
    }
}

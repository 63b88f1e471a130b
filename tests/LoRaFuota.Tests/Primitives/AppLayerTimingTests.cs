namespace LoRaFuota.Tests.Primitives;

public class AppLayerTimingTests
{
    [Theory]
    [InlineData(0, 128)]
    [InlineData(15, 4_194_304)]
    public void GetAppTimePeriod_Is128TimesPowerOfTwo(byte period, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AppLayerTiming.GetAppTimePeriod(period));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(15, 32_768)]
    public void GetClassCSessionTimeout_IsPowerOfTwoSeconds(byte code, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AppLayerTiming.GetClassCSessionTimeout(code));

    [Theory]
    [InlineData(0, 128)]
    [InlineData(6, 8192)]
    public void GetClassBSessionTimeout_CountsBeaconPeriods(byte code, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AppLayerTiming.GetClassBSessionTimeout(code));

    [Theory]
    [InlineData(0, 16)]
    [InlineData(7, 2048)]
    public void GetBlockAckDelayMax_Is2PowDelayPlus4(byte code, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AppLayerTiming.GetBlockAckDelayMax(code));

    [Theory]
    [InlineData(0, 128)]
    [InlineData(3, 16)]
    [InlineData(7, 1)]
    public void GetPingSlotsPerBeaconPeriod_Is2Pow7MinusPeriodicity(byte periodicity, int slots)
    {
        Assert.Equal(slots, AppLayerTiming.GetPingSlotsPerBeaconPeriod(periodicity));
        Assert.Equal(TimeSpan.FromSeconds(0.96 * (1 << periodicity)), AppLayerTiming.GetPingSlotPeriod(periodicity));
    }

    [Theory]
    [InlineData(1, true, 0)]
    [InlineData(1.5, true, 1)]
    [InlineData(3000, true, 12)]
    [InlineData(32_768, true, 15)]
    [InlineData(32_769, false, 0)]
    public void TryGetClassCTimeOutCode_PicksTheSmallestCover(double seconds, bool ok, byte code)
    {
        Assert.Equal(ok, AppLayerTiming.TryGetClassCTimeOutCode(TimeSpan.FromSeconds(seconds), out byte actual));
        Assert.Equal(code, actual);
    }

    [Fact]
    public void TryGetClassBTimeOutCode_63PeriodsNeedsCode6()
    {
        // planner-reference §4.6: 1 007 fragments at 16 per beacon period -> 63 periods -> T = 6.
        Assert.True(AppLayerTiming.TryGetClassBTimeOutCode(TimeSpan.FromSeconds(63 * 128), out byte code));
        Assert.Equal(6, code);
    }

    [Theory]
    [InlineData(100, false, 0)]
    [InlineData(128, true, 0)]
    [InlineData(3600, true, 4)]
    public void TryGetAppTimePeriodCode_PicksTheLargestWithin(double seconds, bool ok, byte code)
    {
        Assert.Equal(ok, AppLayerTiming.TryGetAppTimePeriodCode(TimeSpan.FromSeconds(seconds), out byte actual));
        Assert.Equal(code, actual);
    }

    [Fact]
    public void OutOfRangeCodes_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AppLayerTiming.GetClassCSessionTimeout(16));
        Assert.Throws<ArgumentOutOfRangeException>(() => AppLayerTiming.GetPingSlotPeriod(8));
    }

    [Theory]
    [InlineData(868_100_000u, 8_681_000u)]
    [InlineData(0u, 0u)]
    public void DownlinkFrequency_Uses100HzSteps(uint hz, uint raw)
    {
        Assert.Equal(raw, DownlinkFrequency.FromHertz(hz));
        Assert.Equal(hz, DownlinkFrequency.ToHertz(raw));
    }

    [Fact]
    public void DownlinkFrequency_NotAMultipleOf100_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DownlinkFrequency.FromHertz(868_100_050));
}

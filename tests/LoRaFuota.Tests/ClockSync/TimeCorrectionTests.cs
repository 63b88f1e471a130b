using LoRaFuota.ClockSync;

namespace LoRaFuota.Tests.ClockSync;

public class TimeCorrectionTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryCreateAnswer_DeviceBehind_AnswersPositiveCorrectionWithToken()
    {
        uint deviceTime = (uint)(GpsTime.FromDateTimeOffset(s_now) - 34);

        Assert.True(TimeCorrection.TryCreateAnswer(new AppTimeReq(deviceTime, 8, false), s_now, TimeSpan.Zero, out AppTimeAns answer));

        Assert.Equal(new AppTimeAns(34, 8), answer);
    }

    [Fact]
    public void TryCreateAnswer_InSyncWithoutAnsRequired_SendsNothing()
    {
        uint deviceTime = (uint)GpsTime.FromDateTimeOffset(s_now);
        Assert.False(TimeCorrection.TryCreateAnswer(new AppTimeReq(deviceTime - 3, 1, false), s_now, TimeSpan.FromSeconds(4), out _));
        Assert.True(TimeCorrection.TryCreateAnswer(new AppTimeReq(deviceTime, 1, true), s_now, TimeSpan.Zero, out AppTimeAns forced));
        Assert.Equal(0, forced.TimeCorrection);
    }

    [Fact]
    public void Saturate_TS003v2Example_SendsMaxThenRemainder()
    {
        // TS003-2.0.0: +2 208 643 200 s is sent as 0x7FFFFFFF, then 0x03A53881 once the device asks again.
        const long Correction = 2_208_643_200;
        int first = TimeCorrection.Saturate(Correction);
        int second = TimeCorrection.Saturate(Correction - first);

        Assert.Equal(int.MaxValue, first);
        Assert.Equal(0x03A53881, second);
        Assert.True(new AppTimeAns(first, 0).IsSaturated);
        Assert.False(new AppTimeAns(second, 0).IsSaturated);
        Assert.Equal(int.MinValue, TimeCorrection.Saturate(-Correction));
    }

    [Fact]
    public void TryCreateAnswer_NegativeTolerance_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeCorrection.TryCreateAnswer(default, s_now, TimeSpan.FromSeconds(-1), out _));
}

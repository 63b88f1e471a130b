using FsCheck;
using FsCheck.Xunit;

namespace LoRaFuota.Tests.Primitives;

public class GpsTimeTests
{
    [Fact]
    public void Epoch_IsZero() => Assert.Equal(0, GpsTime.FromDateTimeOffset(GpsTime.Epoch));

    [Theory]
    [InlineData("1980-01-06T00:00:00Z", 0)]
    [InlineData("1981-06-30T23:59:59Z", 0)]
    [InlineData("1981-07-01T00:00:00Z", 1)]
    [InlineData("2016-12-31T23:59:59Z", 17)]
    [InlineData("2017-01-01T00:00:00Z", 18)]
    [InlineData("2026-11-25T00:00:00Z", 18)]
    public void GetLeapSeconds_FollowsTheTable(string utc, int expected) =>
        Assert.Equal(expected, GpsTime.GetLeapSeconds(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FromDateTimeOffset_2017_Is18SecondsAheadOfUnixOffset()
    {
        var utc = new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(utc.ToUnixTimeSeconds() - 315_964_800 + 18, GpsTime.FromDateTimeOffset(utc));
    }

    [Fact]
    public void FromDateTimeOffset_BeforeEpoch_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpsTime.FromDateTimeOffset(GpsTime.Epoch.AddSeconds(-1)));

    [Property(MaxTest = 500)]
    public bool RoundTrip_WholeSeconds(PositiveInt seconds)
    {
        DateTimeOffset utc = GpsTime.Epoch.AddSeconds(seconds.Get * 3L);
        return GpsTime.ToDateTimeOffset(GpsTime.FromDateTimeOffset(utc)) == utc;
    }

    [Property(MaxTest = 300)]
    public bool FromUInt32_RecoversFullTime(PositiveInt reference, int offset)
    {
        long gps = reference.Get + (5L << 32);
        long near = gps + (offset % 1_000_000);
        return GpsTime.FromUInt32(GpsTime.ToUInt32(gps), near) == gps;
    }
}

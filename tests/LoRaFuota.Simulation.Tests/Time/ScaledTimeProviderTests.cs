using LoRaFuota.Simulation.Time;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Simulation.Tests.Time;

public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_starts_where_asked_and_runs_scale_times_faster()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new ScaledTimeProvider(60, inner, s_start);
        long before = clock.GetTimestamp();

        inner.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(s_start.AddMinutes(10), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(10), clock.GetElapsedTime(before));
    }

    [Fact]
    public void Without_a_start_the_clock_starts_at_the_inner_clocks_time()
    {
        var inner = new FakeTimeProvider(s_start);
        var clock = new ScaledTimeProvider(2, inner);

        inner.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(s_start.AddSeconds(6), clock.GetUtcNow());
    }

    [Fact]
    public void Two_clocks_made_at_different_moments_from_one_origin_show_the_same_time()
    {
        var inner = new FakeTimeProvider(s_start);
        DateTimeOffset origin = s_start.AddSeconds(-10);
        ScaledTimeProvider first = ScaledTimeProvider.Since(origin, 30, inner);
        inner.Advance(TimeSpan.FromSeconds(7));
        ScaledTimeProvider second = ScaledTimeProvider.Since(origin, 30, inner);
        inner.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(first.GetUtcNow(), second.GetUtcNow());
        Assert.Equal(origin + TimeSpan.FromSeconds(18 * 30), second.GetUtcNow());
    }

    [Fact]
    public void A_timer_fires_after_its_due_time_on_the_scaled_clock()
    {
        var inner = new FakeTimeProvider(s_start);
        var clock = new ScaledTimeProvider(100, inner);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(15), Timeout.InfiniteTimeSpan);

        inner.Advance(TimeSpan.FromSeconds(8.9));
        Assert.Equal(0, fired);
        inner.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, fired);
        Assert.Equal(s_start.AddMinutes(15), clock.GetUtcNow());
    }

    [Fact]
    public void A_changed_timer_is_scaled_too_and_infinite_stays_infinite()
    {
        var inner = new FakeTimeProvider(s_start);
        var clock = new ScaledTimeProvider(10, inner);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        inner.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, fired);

        timer.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        inner.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        inner.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, fired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(2_000_000)]
    public void A_scale_out_of_range_is_refused_with_the_range(double scale)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(scale));
        Assert.Contains("0.001 to 1000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_due_time_is_refused()
    {
        var clock = new ScaledTimeProvider(5, new FakeTimeProvider(s_start));

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
    }
}

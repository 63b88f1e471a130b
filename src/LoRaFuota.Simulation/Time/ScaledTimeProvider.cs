namespace LoRaFuota.Simulation.Time;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than another (the system clock by default), from a chosen start:
/// a dry run of an hours-long campaign against an emulated network server then takes minutes or seconds of real time.
/// Timers fire after their due time divided by the scale. Everything that talks to the same emulated devices must use
/// the same instance, or their clocks part.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    // ITimer.Change takes at most 0xFFFFFFFE ms.
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private readonly TimeProvider _inner;
    private readonly long _originTimestamp;
    private readonly DateTimeOffset _start;

    /// <summary>Initializes a new instance of the <see cref="ScaledTimeProvider"/> class.</summary>
    /// <param name="scale">How many seconds pass on this clock for each second of <paramref name="inner"/>: from 0.001 to 1 000 000.</param>
    /// <param name="inner">The clock to run against; the system clock when null.</param>
    /// <param name="start">This clock's time now; the inner clock's time when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not a number from 0.001 to 1 000 000.</exception>
    public ScaledTimeProvider(double scale, TimeProvider? inner = null, DateTimeOffset? start = null)
    {
        if (!(scale >= 0.001 && scale <= 1_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be a number from 0.001 to 1000000 (1 is real time).");
        }

        Scale = scale;
        _inner = inner ?? System;
        _originTimestamp = _inner.GetTimestamp();
        _start = start ?? _inner.GetUtcNow();
    }

    /// <summary>
    /// A clock that has been running <paramref name="scale"/> times faster since <paramref name="origin"/> (when it read
    /// the same as the inner clock). Every process given the same origin and scale shows the same time, so an engine
    /// and an emulator in different processes share one fast clock.
    /// </summary>
    /// <param name="origin">The instant both clocks agreed, on the inner clock.</param>
    /// <param name="scale">How many times faster (0.001 to 1 000 000).</param>
    /// <param name="inner">The clock to run against; the system clock when null.</param>
    /// <returns>The clock.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is out of range.</exception>
    public static ScaledTimeProvider Since(DateTimeOffset origin, double scale, TimeProvider? inner = null)
    {
        inner ??= System;
        return new ScaledTimeProvider(scale, inner, origin + ((inner.GetUtcNow() - origin) * scale));
    }

    /// <summary>Gets how many times faster than the inner clock this clock runs.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _start + (_inner.GetElapsedTime(_originTimestamp) * Scale);

    /// <inheritdoc/>
    public override long GetTimestamp() => _originTimestamp + (long)((_inner.GetTimestamp() - _originTimestamp) * Scale);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(this, _inner.CreateTimer(callback, state, ToInner(dueTime), ToInner(period)));
    }

    /// <summary>The inner clock's span for a span of this clock (infinite stays infinite).</summary>
    private TimeSpan ToInner(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan)
        {
            return span;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        TimeSpan inner = span / Scale;
        return inner > s_longestTimer ? s_longestTimer : inner;
    }

    private sealed class ScaledTimer(ScaledTimeProvider clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToInner(dueTime), clock.ToInner(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

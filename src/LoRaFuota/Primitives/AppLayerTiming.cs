namespace LoRaFuota;

/// <summary>
/// The exponent-coded durations of the application-layer packages, as typed conversions in both directions.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>TS003 DeviceAppTimePeriodicityReq Period: 128·2^Period s.</item>
/// <item>TS005 class C TimeOut: 2^TimeOut s (1 s … 32 768 s).</item>
/// <item>TS005 class B TimeOut: 2^TimeOut beacon periods of 128 s.</item>
/// <item>TS005 class B Periodicity: one ping slot every 0.96·2^Periodicity s, 2^(7−Periodicity) slots per beacon period.</item>
/// <item>TS004 BlockAckDelay: the answer is delayed by up to 2^(BlockAckDelay+4) s.</item>
/// </list>
/// </remarks>
public static class AppLayerTiming
{
    /// <summary>The class B beacon period, 128 s.</summary>
    public static readonly TimeSpan BeaconPeriod = TimeSpan.FromSeconds(BeaconPeriodSeconds);

    /// <summary>The largest 4-bit exponent code.</summary>
    public const byte MaxTimeOutCode = 15;

    private const int BeaconPeriodSeconds = 128;
    private const int BlockAckDelayExponentOffset = 4;
    private const double PingSlotUnitSeconds = 0.96;
    private const int PingSlotExponent = 7; // 128 pings per beacon at periodicity 0

    /// <summary>The period a device should use between AppTimeReq uplinks: 128·2^<paramref name="period"/> s.</summary>
    /// <param name="period">0 to 15.</param>
    /// <returns>128 s to 4 194 304 s.</returns>
    public static TimeSpan GetAppTimePeriod(byte period)
    {
        FieldGuard.Bits(period, 4);
        return TimeSpan.FromSeconds((long)BeaconPeriodSeconds << period);
    }

    /// <summary>The maximum length of a class C multicast session: 2^<paramref name="timeOut"/> s.</summary>
    /// <param name="timeOut">0 to 15.</param>
    /// <returns>1 s to 32 768 s.</returns>
    public static TimeSpan GetClassCSessionTimeout(byte timeOut)
    {
        FieldGuard.Bits(timeOut, 4);
        return TimeSpan.FromSeconds(1L << timeOut);
    }

    /// <summary>The maximum length of a class B multicast session: 2^<paramref name="timeOut"/> beacon periods.</summary>
    /// <param name="timeOut">0 to 15.</param>
    /// <returns>128 s to 4 194 304 s.</returns>
    public static TimeSpan GetClassBSessionTimeout(byte timeOut)
    {
        FieldGuard.Bits(timeOut, 4);
        return TimeSpan.FromSeconds((long)BeaconPeriodSeconds << timeOut);
    }

    /// <summary>The longest delay before a device answers FragSessionStatusReq: 2^(<paramref name="blockAckDelay"/>+4) s.</summary>
    /// <param name="blockAckDelay">0 to 7.</param>
    /// <returns>16 s to 2 048 s.</returns>
    public static TimeSpan GetBlockAckDelayMax(byte blockAckDelay)
    {
        FieldGuard.Bits(blockAckDelay, 3);
        return TimeSpan.FromSeconds(1L << (blockAckDelay + BlockAckDelayExponentOffset));
    }

    /// <summary>The interval between class B ping slots: 0.96·2^<paramref name="periodicity"/> s.</summary>
    /// <param name="periodicity">0 to 7.</param>
    /// <returns>0.96 s to 122.88 s.</returns>
    public static TimeSpan GetPingSlotPeriod(byte periodicity)
    {
        FieldGuard.Bits(periodicity, 3);
        return TimeSpan.FromSeconds(PingSlotUnitSeconds * (1 << periodicity));
    }

    /// <summary>The number of ping slots in one 128 s beacon period: 2^(7−<paramref name="periodicity"/>).</summary>
    /// <param name="periodicity">0 to 7.</param>
    /// <returns>128 down to 1.</returns>
    public static int GetPingSlotsPerBeaconPeriod(byte periodicity)
    {
        FieldGuard.Bits(periodicity, 3);
        return 1 << (PingSlotExponent - periodicity);
    }

    /// <summary>Finds the smallest class C TimeOut code whose session length covers <paramref name="duration"/>.</summary>
    /// <param name="duration">The session length needed.</param>
    /// <param name="timeOut">The code, or 0 when none fits.</param>
    /// <returns><see langword="true"/> if <paramref name="duration"/> is at most 32 768 s; otherwise, <see langword="false"/>.</returns>
    public static bool TryGetClassCTimeOutCode(TimeSpan duration, out byte timeOut) =>
        TryGetExponent(duration.TotalSeconds, 1, out timeOut);

    /// <summary>Finds the smallest class B TimeOut code whose session length covers <paramref name="duration"/>.</summary>
    /// <param name="duration">The session length needed.</param>
    /// <param name="timeOut">The code, or 0 when none fits.</param>
    /// <returns><see langword="true"/> if <paramref name="duration"/> is at most 2^15 beacon periods; otherwise, <see langword="false"/>.</returns>
    public static bool TryGetClassBTimeOutCode(TimeSpan duration, out byte timeOut) =>
        TryGetExponent(duration.TotalSeconds, BeaconPeriodSeconds, out timeOut);

    /// <summary>Finds the largest Period code whose AppTimeReq interval does not exceed <paramref name="interval"/>.</summary>
    /// <param name="interval">The wanted interval, at least 128 s.</param>
    /// <param name="period">The code, or 0 when the interval is shorter than 128 s.</param>
    /// <returns><see langword="true"/> if <paramref name="interval"/> is at least 128 s; otherwise, <see langword="false"/>.</returns>
    public static bool TryGetAppTimePeriodCode(TimeSpan interval, out byte period)
    {
        period = 0;
        if (interval.TotalSeconds < BeaconPeriodSeconds)
        {
            return false;
        }

        while (period < MaxTimeOutCode && ((long)BeaconPeriodSeconds << (period + 1)) <= interval.TotalSeconds)
        {
            period++;
        }

        return true;
    }

    private static bool TryGetExponent(double seconds, long unit, out byte code)
    {
        for (byte t = 0; t <= MaxTimeOutCode; t++)
        {
            if ((unit << t) >= seconds)
            {
                code = t;
                return true;
            }
        }

        code = 0;
        return false;
    }
}

namespace LoRaFuota;

/// <summary>
/// Converts between UTC instants and GPS time, the time base of every application-layer time field
/// (DeviceTime, SessionTime): whole seconds since 1980-01-06T00:00:00Z, without leap seconds.
/// </summary>
/// <remarks>
/// GPS = UTC + leap seconds − 315 964 800 s (TS003 §2.3 of the digest). GPS has been 18 s ahead of UTC since
/// 2017-01-01. Unlike LoRaMac-node's constant-offset clock, this helper applies the leap-second table, which is
/// what a server must do. The table ends with the 2017 leap second; none has been announced since.
/// </remarks>
public static class GpsTime
{
    /// <summary>The GPS epoch, 1980-01-06T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(1980, 1, 6, 0, 0, 0, TimeSpan.Zero);

    private const long UnixToGpsEpochSeconds = 315_964_800; // 1980-01-06 − 1970-01-01

    // Unix seconds (UTC) at which each leap second took effect; index i means i + 1 leap seconds since the epoch.
    private static readonly long[] s_leapSecondUtc =
    [
        362_793_600,   // 1981-07-01
        394_329_600,   // 1982-07-01
        425_865_600,   // 1983-07-01
        489_024_000,   // 1985-07-01
        567_993_600,   // 1988-01-01
        631_152_000,   // 1990-01-01
        662_688_000,   // 1991-01-01
        709_948_800,   // 1992-07-01
        741_484_800,   // 1993-07-01
        773_020_800,   // 1994-07-01
        820_454_400,   // 1996-01-01
        867_715_200,   // 1997-07-01
        915_148_800,   // 1999-01-01
        1_136_073_600, // 2006-01-01
        1_230_768_000, // 2009-01-01
        1_341_100_800, // 2012-07-01
        1_435_708_800, // 2015-07-01
        1_483_228_800, // 2017-01-01
    ];

    /// <summary>Gets the number of leap seconds between GPS and UTC at a UTC instant.</summary>
    /// <param name="utc">The instant.</param>
    /// <returns>0 before 1981-07-01, 18 from 2017-01-01 on.</returns>
    public static int GetLeapSeconds(DateTimeOffset utc)
    {
        long unix = utc.ToUnixTimeSeconds();
        int count = 0;
        while (count < s_leapSecondUtc.Length && unix >= s_leapSecondUtc[count])
        {
            count++;
        }

        return count;
    }

    /// <summary>Converts a UTC instant to whole GPS seconds (rounded down).</summary>
    /// <param name="utc">An instant at or after the GPS epoch.</param>
    /// <returns>Seconds since the GPS epoch.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="utc"/> is before the GPS epoch.</exception>
    public static long FromDateTimeOffset(DateTimeOffset utc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(utc, Epoch);
        return utc.ToUnixTimeSeconds() - UnixToGpsEpochSeconds + GetLeapSeconds(utc);
    }

    /// <summary>Converts GPS seconds to a UTC instant.</summary>
    /// <param name="gpsSeconds">Seconds since the GPS epoch (not negative).</param>
    /// <returns>The UTC instant. The GPS second that carries an inserted leap second maps onto the UTC second after it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gpsSeconds"/> is negative.</exception>
    public static DateTimeOffset ToDateTimeOffset(long gpsSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gpsSeconds);
        int leap = 0;
        while (leap < s_leapSecondUtc.Length && gpsSeconds >= s_leapSecondUtc[leap] - UnixToGpsEpochSeconds + leap + 1)
        {
            leap++;
        }

        return DateTimeOffset.FromUnixTimeSeconds(gpsSeconds + UnixToGpsEpochSeconds - leap);
    }

    /// <summary>Reduces GPS seconds to the 32-bit wire form of DeviceTime and SessionTime (modulo 2^32).</summary>
    /// <param name="gpsSeconds">Seconds since the GPS epoch.</param>
    /// <returns>The low 32 bits.</returns>
    public static uint ToUInt32(long gpsSeconds) => unchecked((uint)gpsSeconds);

    /// <summary>Expands a 32-bit wire time to full GPS seconds: the value congruent to it modulo 2^32 nearest to a reference.</summary>
    /// <param name="wireSeconds">The 32-bit field from the frame.</param>
    /// <param name="referenceGpsSeconds">A nearby GPS time, usually the server's clock.</param>
    /// <returns>Full GPS seconds.</returns>
    public static long FromUInt32(uint wireSeconds, long referenceGpsSeconds)
    {
        const long Wrap = 1L << 32;
        long candidate = (referenceGpsSeconds & ~(Wrap - 1)) | wireSeconds;
        if (candidate - referenceGpsSeconds > Wrap / 2)
        {
            candidate -= Wrap;
        }
        else if (referenceGpsSeconds - candidate > Wrap / 2)
        {
            candidate += Wrap;
        }

        return candidate;
    }
}

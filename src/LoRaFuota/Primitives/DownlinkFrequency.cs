namespace LoRaFuota;

/// <summary>
/// The 24-bit frequency field of McClassCSessionReq and McClassBSessionReq: a little-endian count of 100 Hz
/// steps, the same coding as the NewChannelReq Freq field (868.1 MHz → 8 681 000 → <c>28 76 84</c>).
/// </summary>
public static class DownlinkFrequency
{
    /// <summary>The frequency step of the field, 100 Hz.</summary>
    public const uint StepHz = 100;

    /// <summary>The largest frequency the field can carry, (2^24 − 1)·100 Hz.</summary>
    public const uint MaxHz = LoRaBitConverter.MaxUInt24 * StepHz;

    /// <summary>Converts the raw 24-bit field to hertz.</summary>
    /// <param name="raw">The field value (0 to 2^24 − 1).</param>
    /// <returns>The frequency in Hz; 0 means "the regional default" in TS005 v2 class B.</returns>
    public static uint ToHertz(uint raw) => raw * StepHz;

    /// <summary>Converts a frequency in hertz to the raw 24-bit field.</summary>
    /// <param name="hertz">A multiple of 100 Hz, at most <see cref="MaxHz"/>.</param>
    /// <returns>The raw value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hertz"/> is not a multiple of 100 or is too large.</exception>
    public static uint FromHertz(uint hertz)
    {
        if (hertz % StepHz != 0 || hertz > MaxHz)
        {
            throw new ArgumentOutOfRangeException(
                nameof(hertz),
                hertz,
                $"The downlink frequency must be a multiple of {StepHz} Hz and at most {MaxHz} Hz.");
        }

        return hertz / StepHz;
    }
}

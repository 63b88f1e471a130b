namespace LoRaFuota.ClockSync;

/// <summary>Computes the AppTimeAns a server sends for an AppTimeReq (TS003 §3.2).</summary>
/// <remarks>
/// The correction is the GPS time at which the uplink was received minus DeviceTime, both modulo 2^32, in whole
/// seconds. A correction that does not fit in an int32 is saturated to 0x7FFFFFFF or 0x80000000; a TS003 v2 device
/// applies it and immediately asks again, so the next answer carries the remainder.
/// </remarks>
public static class TimeCorrection
{
    /// <summary>Computes the exact correction in seconds, before saturation.</summary>
    /// <param name="receivedAtUtc">When the network received the AppTimeReq (gateway time when available).</param>
    /// <param name="deviceTime">The request's DeviceTime.</param>
    /// <returns>Seconds the device clock is behind (positive) or ahead (negative).</returns>
    public static long Compute(DateTimeOffset receivedAtUtc, uint deviceTime) =>
        (long)GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(receivedAtUtc)) - deviceTime;

    /// <summary>Saturates a correction to the int32 range of the TimeCorrection field.</summary>
    /// <param name="correction">The exact correction.</param>
    /// <returns>The value to send.</returns>
    public static int Saturate(long correction) => (int)Math.Clamp(correction, int.MinValue, int.MaxValue);

    /// <summary>Builds the answer to <paramref name="request"/>, or none when the device is in sync and asked for none.</summary>
    /// <param name="request">The device's AppTimeReq.</param>
    /// <param name="receivedAtUtc">When the network received it.</param>
    /// <param name="tolerance">The drift accepted without answering when AnsRequired is 0 (ChirpStack uses 0, The Things Stack 4 s).</param>
    /// <param name="answer">The answer, when one is due.</param>
    /// <returns><see langword="true"/> if an answer must be sent; otherwise, <see langword="false"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    public static bool TryCreateAnswer(AppTimeReq request, DateTimeOffset receivedAtUtc, TimeSpan tolerance, out AppTimeAns answer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        long correction = Compute(receivedAtUtc, request.DeviceTime);
        if (!request.AnsRequired && Math.Abs(correction) <= tolerance.TotalSeconds)
        {
            answer = default;
            return false;
        }

        answer = new AppTimeAns(Saturate(correction), request.TokenReq);
        return true;
    }
}

namespace LoRaFuota.Regions;

/// <summary>A frequency range with a transmit duty-cycle limit, enforced over a rolling hour.</summary>
/// <param name="MinFrequencyHz">The lowest frequency, inclusive.</param>
/// <param name="MaxFrequencyHz">The highest frequency, inclusive.</param>
/// <param name="DutyCycle">The fraction of time a transmitter may be on air, e.g. 0.1 for 10 %.</param>
public sealed record DutyCycleSubBand(long MinFrequencyHz, long MaxFrequencyHz, double DutyCycle)
{
    /// <summary>Gets a value indicating whether the frequency lies in this sub-band.</summary>
    /// <param name="frequencyHz">The frequency.</param>
    /// <returns><see langword="true"/> if it does; otherwise, <see langword="false"/>.</returns>
    public bool Contains(long frequencyHz) => frequencyHz >= MinFrequencyHz && frequencyHz <= MaxFrequencyHz;
}

namespace LoRaFuota.Simulation.Channels;

/// <summary>
/// How a device's radio link loses frames (both directions). With <see cref="BurstLength"/> 1, each frame is lost
/// independently with probability <see cref="Loss"/>; above 1, a two-state Gilbert–Elliott model loses every frame in
/// its bad state, stays there <see cref="BurstLength"/> frames on average, and is bad <see cref="Loss"/> of the time.
/// </summary>
/// <param name="Loss">The long-run fraction of frames lost, 0 to below 1.</param>
/// <param name="BurstLength">The mean number of frames lost in a row (1 for independent losses).</param>
public readonly record struct ChannelModel(double Loss, double BurstLength = 1)
{
    /// <summary>Gets a channel that loses nothing.</summary>
    public static ChannelModel Perfect => new(0);

    /// <summary>Checks the parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Loss is not in [0, 1) or the burst length is below 1.</exception>
    public void Validate()
    {
        if (!(Loss >= 0 && Loss < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "The loss must be at least 0 and below 1.");
        }

        if (!(BurstLength >= 1) || double.IsInfinity(BurstLength))
        {
            throw new ArgumentOutOfRangeException(nameof(BurstLength), BurstLength, "The burst length must be at least 1 (1 means independent losses).");
        }
    }
}

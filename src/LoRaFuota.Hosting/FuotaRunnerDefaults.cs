namespace LoRaFuota.Hosting;

/// <summary>The defaults of <see cref="FuotaRunnerOptions"/>.</summary>
internal static class FuotaRunnerDefaults
{
    public static readonly TimeSpan TransportTimeout = TimeSpan.FromSeconds(30);

    public const int UplinkBufferCapacity = 10_000;
}

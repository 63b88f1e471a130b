using System.ComponentModel.DataAnnotations;

namespace LoRaFuota.Hosting;

/// <summary>How a <see cref="FuotaCampaignRunner"/> talks to its transport.</summary>
public sealed class FuotaRunnerOptions
{
    /// <summary>Gets or sets how long one transport call may take before it counts as refused.</summary>
    /// <value>The default value is 30 seconds; it must be above zero and at most an hour.</value>
    public TimeSpan TransportTimeout { get; set; } = FuotaRunnerDefaults.TransportTimeout;

    /// <summary>Gets or sets how many uplinks may wait for the campaign before the transport's reader waits in turn.</summary>
    /// <value>The default value is 10 000.</value>
    [Range(1, 10_000_000)]
    public int UplinkBufferCapacity { get; set; } = FuotaRunnerDefaults.UplinkBufferCapacity;
}

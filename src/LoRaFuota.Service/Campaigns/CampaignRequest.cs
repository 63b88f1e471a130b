using LoRaFuota.Planning;

namespace LoRaFuota.Service.Campaigns;

/// <summary>What an operator asks for when creating a campaign (the API's JSON body).</summary>
public sealed class CampaignRequest
{
    /// <summary>Gets or sets the name; the package's title and version when null.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the package to send.</summary>
    public Guid PackageId { get; set; }

    /// <summary>Gets or sets the devices.</summary>
    public IList<CampaignRequestDevice> Devices { get; set; } = [];

    /// <summary>Gets or sets the region (EU868, US915, ...).</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets the multicast data rate index (JSON <c>dr</c>).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("dr")]
    public int? DataRate { get; set; }

    /// <summary>Gets or sets the multicast class: C or B.</summary>
    public string? Class { get; set; }

    /// <summary>Gets or sets the class B ping-slot periodicity 0..7, or null for the planner's choice.</summary>
    public int? Periodicity { get; set; }

    /// <summary>Gets or sets the multicast frequency in Hz, or null for the region's default.</summary>
    public uint? FrequencyHz { get; set; }

    /// <summary>Gets or sets the number of coded fragments (give exactly one of the three redundancy settings).</summary>
    public int? Redundancy { get; set; }

    /// <summary>Gets or sets the redundancy as a percentage of the fragments.</summary>
    public double? RedundancyPercent { get; set; }

    /// <summary>Gets or sets the success probability to reach at <see cref="ExpectedLoss"/>.</summary>
    public double? TargetSuccess { get; set; }

    /// <summary>Gets or sets the expected loss per frame (0 to below 1).</summary>
    public double ExpectedLoss { get; set; }

    /// <summary>Gets or sets the TS004 version to prefer (1 or 2), or null for each device's highest.</summary>
    public int? Ts004 { get; set; }

    /// <summary>Gets or sets a value indicating whether to run the closed loop (bursts with status polls).</summary>
    public bool ClosedLoop { get; set; }

    /// <summary>Gets or sets how many devices are contacted per minute (in the order listed), or null for the service's default (all at once unless configured).</summary>
    public int? DevicesPerMinute { get; set; }

    /// <summary>Gets the class the request names, or null when it names none or another.</summary>
    internal MulticastClass? ParsedClass => Class?.ToUpperInvariant() switch
    {
        "C" => MulticastClass.ClassC,
        "B" => MulticastClass.ClassB,
        _ => null,
    };
}

using LoRaFuota.Regions;

namespace LoRaFuota.ChirpStack.Transport;

/// <summary>What the ChirpStack transport needs beyond its MQTT and gRPC connections.</summary>
public sealed class ChirpStackTransportOptions
{
    /// <summary>Gets or sets the ChirpStack application (UUID) the devices and multicast groups belong to.</summary>
    public string ApplicationId { get; set; } = string.Empty;

    /// <summary>Gets or sets the region of the multicast groups.</summary>
    public Region Region { get; set; }

    /// <summary>Gets or sets the prefix of the groups' names (<c>{prefix}-{group}-{McAddr}</c>).</summary>
    public string GroupNamePrefix { get; set; } = "lorafuota";

    /// <summary>Gets the gateways to add to every group; empty lets ChirpStack pick them from the members' recent uplinks.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>Gets or sets a value indicating whether every gateway sends at the same GPS time (GNSS gateways).</summary>
    public bool GpsTimeScheduling { get; set; }

    /// <summary>Gets or sets ChirpStack's <c>multicast_class_c_margin</c> (and class B margin): 5 s unless changed in its configuration.</summary>
    public TimeSpan MulticastMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            problems.Add("ApplicationId is required (the application's UUID in ChirpStack).");
        }

        if (!Enum.IsDefined(Region))
        {
            problems.Add("Region is not a region LoRaFuota knows.");
        }

        if (string.IsNullOrWhiteSpace(GroupNamePrefix))
        {
            problems.Add("GroupNamePrefix is required.");
        }

        if (MulticastMargin < TimeSpan.Zero)
        {
            problems.Add("MulticastMargin must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ChirpStack transport options: " + string.Join(" ", problems));
        }
    }
}

namespace LoRaFuota.Campaigns;

/// <summary>How the fragments reach the devices.</summary>
public enum CampaignDelivery
{
    /// <summary>One multicast session per TS004 version, with unicast repair for stragglers.</summary>
    Multicast = 0,

    /// <summary>No multicast group: every fragment is a unicast downlink (a single device or a small set).</summary>
    UnicastOnly,
}

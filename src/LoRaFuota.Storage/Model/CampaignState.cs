namespace LoRaFuota.Storage.Model;

/// <summary>Where a stored campaign is in its life.</summary>
public enum CampaignState
{
    /// <summary>Created and not finished: an instance runs it (or will, once it claims it).</summary>
    Running,

    /// <summary>Every device ended (updated or failed).</summary>
    Completed,

    /// <summary>Cancelled by an operator.</summary>
    Cancelled,
}

namespace LoRaFuota.Storage.Model;

/// <summary>A campaign to store: its parameters, its first snapshot and its devices, written in one transaction.</summary>
public sealed class NewCampaign
{
    /// <summary>Gets or sets the name.</summary>
    public required string Name { get; set; }

    /// <summary>Gets or sets the package it sends (a running campaign keeps its package from being deleted).</summary>
    public required Guid PackageId { get; set; }

    /// <summary>Gets or sets the parameters as the API received them (JSON), kept for the record and for display.</summary>
    public required string Parameters { get; set; }

    /// <summary>Gets or sets the orchestrator's snapshot (<c>FuotaCampaign.SaveSnapshot</c>), from which any instance resumes.</summary>
    public required string Snapshot { get; set; }

    /// <summary>Gets or sets the plan (JSON), for display.</summary>
    public string? Plan { get; set; }

    /// <summary>Gets or sets where the campaign came from (<c>group:NAME</c> or <c>device:DEVEUI</c> for an assignment), or null for a direct request.</summary>
    public string? Origin { get; set; }

    /// <summary>Gets the devices with their first state.</summary>
    public IList<DeviceRecord> Devices { get; } = [];
}

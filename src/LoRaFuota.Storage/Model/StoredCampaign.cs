namespace LoRaFuota.Storage.Model;

/// <summary>A campaign as stored.</summary>
public sealed record StoredCampaign
{
    /// <summary>Gets the id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the package it sends.</summary>
    public required Guid PackageId { get; init; }

    /// <summary>Gets the state.</summary>
    public required CampaignState State { get; init; }

    /// <summary>Gets a value indicating whether an operator asked for it to be cancelled (the instance running it acts on it).</summary>
    public required bool CancelRequested { get; init; }

    /// <summary>Gets the parameters (JSON).</summary>
    public required string Parameters { get; init; }

    /// <summary>Gets the latest snapshot.</summary>
    public required string Snapshot { get; init; }

    /// <summary>Gets the plan (JSON), if stored.</summary>
    public string? Plan { get; init; }

    /// <summary>Gets where the campaign came from (<c>group:NAME</c> or <c>device:DEVEUI</c> for an assignment), or null for a direct request.</summary>
    public string? Origin { get; init; }

    /// <summary>Gets how many times progress was saved (each save adds one).</summary>
    public required long Revision { get; init; }

    /// <summary>Gets when it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it was last saved.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets when it ended, if it did.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets the instance that holds its lease, if the lease is live or was never released.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Gets when that lease runs out.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}

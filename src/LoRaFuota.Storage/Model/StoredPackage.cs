using LoRaFuota.Campaigns;

namespace LoRaFuota.Storage.Model;

/// <summary>A firmware package in the repository.</summary>
public sealed record StoredPackage
{
    /// <summary>Gets the id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the version.</summary>
    public required string Version { get; init; }

    /// <summary>Gets whether it is firmware or software.</summary>
    public required FirmwareType Type { get; init; }

    /// <summary>Gets the checksum algorithm.</summary>
    public required string ChecksumAlgorithm { get; init; }

    /// <summary>Gets the checksum (lower-case hex).</summary>
    public required string Checksum { get; init; }

    /// <summary>Gets the SHA-256 of the bytes (lower-case hex), always computed by the store.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Gets the description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public required int Size { get; init; }

    /// <summary>Gets when it was added.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the bytes, or empty when they were not asked for.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }
}

using LoRaFuota.Campaigns;

namespace LoRaFuota.Storage.Model;

/// <summary>A firmware package to add to the repository.</summary>
public sealed class NewPackage
{
    /// <summary>Gets or sets the title (with <see cref="Version"/>, unique in the repository).</summary>
    public required string Title { get; set; }

    /// <summary>Gets or sets the version devices report once they run it.</summary>
    public required string Version { get; set; }

    /// <summary>Gets or sets whether it is firmware or software.</summary>
    public FirmwareType Type { get; set; }

    /// <summary>Gets or sets the checksum algorithm of <see cref="Checksum"/>: <c>SHA256</c> (the default), <c>SHA384</c>, or <c>SHA512</c>.</summary>
    public string ChecksumAlgorithm { get; set; } = "SHA256";

    /// <summary>Gets or sets the checksum the uploader gives (hex), or null to compute it; a given one must match the bytes.</summary>
    public string? Checksum { get; set; }

    /// <summary>Gets or sets a free-text description.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the bytes: the image or a signed package, sent to devices as they are.</summary>
    public required ReadOnlyMemory<byte> Content { get; set; }
}

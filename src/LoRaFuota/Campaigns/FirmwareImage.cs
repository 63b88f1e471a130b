using System.Security.Cryptography;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Campaigns;

/// <summary>An update image and its metadata: title, version, type, SHA-256 and the optional TS004 descriptor.</summary>
public sealed class FirmwareImage
{
    private const int Sha256HexLength = 64;

    /// <summary>Initializes a new instance of the <see cref="FirmwareImage"/> class.</summary>
    /// <param name="content">The image bytes (1 byte up to the TS004 maximum block).</param>
    /// <param name="title">A title, for example the product name.</param>
    /// <param name="version">The version the devices report once they run it.</param>
    /// <param name="type">Firmware or software.</param>
    /// <param name="sha256">The SHA-256 as 64 hex digits; computed when null, checked when given.</param>
    /// <param name="descriptor">The 4-octet TS004 descriptor, read little-endian from wire order; 0 when null.</param>
    /// <exception cref="ArgumentException">A value is missing or malformed, or <paramref name="sha256"/> does not match the content.</exception>
    public FirmwareImage(ReadOnlyMemory<byte> content, string title, string version, FirmwareType type = FirmwareType.Firmware, string? sha256 = null, uint? descriptor = null)
    {
        if (content.IsEmpty || content.Length > FragmentEncoder.MaxBlockLength)
        {
            throw new ArgumentException($"An image is 1 to {FragmentEncoder.MaxBlockLength} bytes (16 382 fragments of 255 bytes); this one is {content.Length}.", nameof(content));
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("The image needs a title.", nameof(title));
        }

        if (string.IsNullOrWhiteSpace(version))
        {
            throw new ArgumentException("The image needs a version: devices report it once they run the update.", nameof(version));
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException("The type must be Firmware or Software.", nameof(type));
        }

        string actual = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        if (sha256 is not null && (sha256.Length != Sha256HexLength || !string.Equals(sha256, actual, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The SHA-256 given ({sha256}) does not match the image ({actual}).", nameof(sha256));
        }

        Content = content;
        Title = title;
        Version = version;
        Type = type;
        Sha256 = actual;
        Descriptor = descriptor ?? 0;
    }

    /// <summary>Gets the image bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Gets the image size in bytes.</summary>
    public int Length => Content.Length;

    /// <summary>Gets the title.</summary>
    public string Title { get; }

    /// <summary>Gets the version.</summary>
    public string Version { get; }

    /// <summary>Gets the type.</summary>
    public FirmwareType Type { get; }

    /// <summary>Gets the SHA-256 of the content as 64 lowercase hex digits.</summary>
    public string Sha256 { get; }

    /// <summary>Gets the TS004 descriptor sent in FragSessionSetupReq (read little-endian from wire order).</summary>
    public uint Descriptor { get; }
}

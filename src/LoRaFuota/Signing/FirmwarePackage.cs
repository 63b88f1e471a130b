using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Signing;

/// <summary>
/// A firmware package: the image with a manifest (title, version, type, size, SHA-256) and an optional ECDSA P-256
/// signature, in one block that a campaign sends as it is. Layout (docs/packages.md), integers little-endian:
/// <c>"LFPK"</c>, format 1 (1 byte), manifest length (2 bytes), the manifest (UTF-8 JSON), the image, signature
/// length (1 byte: 0 or 64), the signature (IEEE P1363 r‖s over SHA-256 of every byte before the signature length).
/// A device holding the public key installs the image only when the signature and the SHA-256 verify.
/// </summary>
public sealed class FirmwarePackage
{
    /// <summary>The bytes every package starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "LFPK"u8;

    /// <summary>The layout version this code writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const int SignatureLength = 64;
    private const int HeaderLength = 7; // magic, format, manifest length
    private const int MaxManifestLength = 1024;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _signedLength;

    private FirmwarePackage(ReadOnlyMemory<byte> bytes, FirmwareManifest manifest, ReadOnlyMemory<byte> image, int signedLength, ReadOnlyMemory<byte> signature)
    {
        _bytes = bytes;
        Manifest = manifest;
        Image = image;
        _signedLength = signedLength;
        Signature = signature;
    }

    /// <summary>Gets the manifest.</summary>
    public FirmwareManifest Manifest { get; }

    /// <summary>Gets the image the package carries (its SHA-256 matches the manifest's).</summary>
    public ReadOnlyMemory<byte> Image { get; }

    /// <summary>Gets the signature, empty when the package is not signed.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Gets a value indicating whether the package carries a signature (use <see cref="VerifySignature"/> to check it).</summary>
    public bool IsSigned => !Signature.IsEmpty;

    /// <summary>Builds a package around an image, signed when a key is given.</summary>
    /// <param name="image">The image.</param>
    /// <param name="title">The title.</param>
    /// <param name="version">The version devices report once they run the image.</param>
    /// <param name="type">Firmware or software.</param>
    /// <param name="signingKey">An ECDSA P-256 private key, or null for an unsigned package.</param>
    /// <returns>The package's bytes.</returns>
    /// <exception cref="ArgumentException">The image is empty or the package would not fit one TS004 block, a text is empty, or the key is not a P-256 private key.</exception>
    public static byte[] Create(ReadOnlySpan<byte> image, string title, string version, FirmwareType type = FirmwareType.Firmware, ECDsa? signingKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException("The type must be Firmware or Software.", nameof(type));
        }

        if (signingKey is not null)
        {
            RequireP256(signingKey, nameof(signingKey));
        }

        byte[] manifest = WriteManifest(new FirmwareManifest(title, version, type, image.Length, Convert.ToHexStringLower(SHA256.HashData(image))));
        int signedLength = HeaderLength + manifest.Length + image.Length;
        int total = signedLength + 1 + (signingKey is null ? 0 : SignatureLength);
        if (image.IsEmpty || manifest.Length > MaxManifestLength || total > FragmentEncoder.MaxBlockLength)
        {
            throw new ArgumentException(
                $"A package holds a 1-byte to {FragmentEncoder.MaxBlockLength - HeaderLength - 1 - SignatureLength - manifest.Length}-byte image with a manifest of at most {MaxManifestLength} bytes; this image is {image.Length} bytes and its manifest {manifest.Length}.",
                nameof(image));
        }

        byte[] package = new byte[total];
        Magic.CopyTo(package);
        package[4] = FormatVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(package.AsSpan(5), (ushort)manifest.Length);
        manifest.CopyTo(package.AsSpan(HeaderLength));
        image.CopyTo(package.AsSpan(HeaderLength + manifest.Length));
        if (signingKey is not null)
        {
            package[signedLength] = SignatureLength;
            int written = signingKey.SignData(package.AsSpan(0, signedLength), package.AsSpan(signedLength + 1), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            if (written != SignatureLength)
            {
                throw new CryptographicException($"The P-256 signature came out {written} bytes long instead of {SignatureLength}.");
            }
        }

        return package;
    }

    /// <summary>Whether a block looks like a package at all (starts with the magic); cheap, for telling packages from raw images.</summary>
    /// <param name="block">The bytes.</param>
    /// <returns><see langword="true"/> if the block starts with <see cref="Magic"/>.</returns>
    public static bool HasMagic(ReadOnlySpan<byte> block) => block.StartsWith(Magic);

    /// <summary>Reads a package and checks its layout and the image's size and SHA-256 against the manifest (not the signature).</summary>
    /// <param name="bytes">The package's bytes (kept, not copied).</param>
    /// <param name="package">The package, when the result is null.</param>
    /// <returns>Null when the package is intact; otherwise what is wrong with it (never throws).</returns>
    public static string? TryRead(ReadOnlyMemory<byte> bytes, out FirmwarePackage? package)
    {
        package = null;
        ReadOnlySpan<byte> span = bytes.Span;
        if (span.Length < HeaderLength || !span.StartsWith(Magic))
        {
            return "not a firmware package (no LFPK header)";
        }

        if (span[4] != FormatVersion)
        {
            return $"package format {span[4]} is not supported (this reader knows format {FormatVersion})";
        }

        int manifestLength = BinaryPrimitives.ReadUInt16LittleEndian(span[5..]);
        if (manifestLength > MaxManifestLength || HeaderLength + manifestLength > span.Length)
        {
            return "the manifest runs past the end of the package";
        }

        if (ReadManifest(span.Slice(HeaderLength, manifestLength)) is not FirmwareManifest manifest)
        {
            return "the manifest is not valid (title, version, type, size and sha256 are required)";
        }

        int signedLength = HeaderLength + manifestLength + manifest.Size;
        if (signedLength + 1 > span.Length)
        {
            return $"the image is shorter than the manifest's {manifest.Size} bytes";
        }

        int signatureLength = span[signedLength];
        if ((signatureLength != 0 && signatureLength != SignatureLength) || signedLength + 1 + signatureLength != span.Length)
        {
            return "the signature's length does not match the package's end";
        }

        ReadOnlyMemory<byte> image = bytes.Slice(HeaderLength + manifestLength, manifest.Size);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(image.Span)), manifest.Sha256, StringComparison.Ordinal))
        {
            return "the image's SHA-256 does not match the manifest";
        }

        package = new FirmwarePackage(bytes, manifest, image, signedLength, bytes.Slice(signedLength + 1, signatureLength));
        return null;
    }

    /// <summary>Reads a package as <see cref="TryRead"/> does, throwing on a damaged one.</summary>
    /// <param name="bytes">The package's bytes.</param>
    /// <returns>The package.</returns>
    /// <exception cref="FormatException">The bytes are not an intact package; the message says what is wrong.</exception>
    public static FirmwarePackage Read(ReadOnlyMemory<byte> bytes) =>
        TryRead(bytes, out FirmwarePackage? package) is string problem ? throw new FormatException(problem) : package!;

    /// <summary>Checks the signature with a public key.</summary>
    /// <param name="publicKey">An ECDSA P-256 key.</param>
    /// <returns><see langword="true"/> if the package is signed and the signature verifies with this key.</returns>
    /// <exception cref="ArgumentException">The key is not a P-256 key.</exception>
    public bool VerifySignature(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        RequireP256(publicKey, nameof(publicKey));
        return IsSigned && publicKey.VerifyData(_bytes.Span[.._signedLength], Signature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static void RequireP256(ECDsa key, string name)
    {
        if (key.KeySize != 256)
        {
            throw new ArgumentException($"Packages are signed with ECDSA P-256; this key has {key.KeySize} bits.", name);
        }
    }

    private static byte[] WriteManifest(FirmwareManifest manifest)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("title", manifest.Title);
            w.WriteString("version", manifest.Version);
            w.WriteString("type", manifest.Type == FirmwareType.Software ? "software" : "firmware");
            w.WriteNumber("size", manifest.Size);
            w.WriteString("sha256", manifest.Sha256);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static FirmwareManifest? ReadManifest(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "title") is not string title || Text(root, "version") is not string version || Text(root, "sha256") is not string sha256
                || sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)
                || !root.TryGetProperty("size", out JsonElement size) || !size.TryGetInt32(out int bytes) || bytes < 1
                || Text(root, "type") is not ("firmware" or "software"))
            {
                return null;
            }

            return new FirmwareManifest(title, version, Text(root, "type") == "software" ? FirmwareType.Software : FirmwareType.Firmware, bytes, sha256);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // not JSON, or a string that is not UTF-8
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

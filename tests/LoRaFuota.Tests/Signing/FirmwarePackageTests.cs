using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using LoRaFuota.Campaigns;
using LoRaFuota.Signing;

namespace LoRaFuota.Tests.Signing;

public sealed class FirmwarePackageTests
{
    private static readonly byte[] s_image = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];
    private static readonly ECDsa s_key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa s_otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public void A_signed_package_reads_back_its_manifest_and_image_and_verifies_with_the_public_key_only()
    {
        byte[] bytes = FirmwarePackage.Create(s_image, "sensor-fw", "2.1.0", FirmwareType.Firmware, s_key);
        using var publicKey = ECDsa.Create(s_key.ExportParameters(includePrivateParameters: false));

        FirmwarePackage package = FirmwarePackage.Read(bytes);

        Assert.Equal(new FirmwareManifest("sensor-fw", "2.1.0", FirmwareType.Firmware, s_image.Length, Convert.ToHexStringLower(SHA256.HashData(s_image))), package.Manifest);
        Assert.Equal(s_image, package.Image.ToArray());
        Assert.True(package.IsSigned);
        Assert.Equal(64, package.Signature.Length);
        Assert.True(package.VerifySignature(publicKey));
        Assert.False(package.VerifySignature(s_otherKey));
    }

    [Fact]
    public void The_layout_is_the_documented_one()
    {
        byte[] bytes = FirmwarePackage.Create([0xAA, 0xBB], "t", "1", FirmwareType.Software);
        string manifest = $$"""{"title":"t","version":"1","type":"software","size":2,"sha256":"{{Convert.ToHexStringLower(SHA256.HashData(new byte[] { 0xAA, 0xBB }))}}"}""";

        byte[] expected = [.. "LFPK"u8, 1, (byte)manifest.Length, 0, .. Encoding.UTF8.GetBytes(manifest), 0xAA, 0xBB, 0];
        Assert.Equal(expected, bytes);
        Assert.False(FirmwarePackage.Read(bytes).IsSigned);
        Assert.False(FirmwarePackage.Read(bytes).VerifySignature(s_key)); // unsigned never verifies
    }

    [Fact]
    public void A_changed_image_byte_fails_the_sha256_check()
    {
        byte[] bytes = FirmwarePackage.Create(s_image, "fw", "2.0.0", signingKey: s_key);
        bytes[^70] ^= 1; // inside the image

        Assert.Equal("the image's SHA-256 does not match the manifest", FirmwarePackage.TryRead(bytes, out FirmwarePackage? package));
        Assert.Null(package);
        Assert.Throws<FormatException>(() => FirmwarePackage.Read(bytes));
    }

    [Fact]
    public void A_package_re_signed_by_someone_else_fails_with_the_devices_key()
    {
        FirmwarePackage forged = FirmwarePackage.Read(FirmwarePackage.Create(s_image, "fw", "9.9.9", signingKey: s_otherKey));

        Assert.False(forged.VerifySignature(s_key));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "not a firmware package (no LFPK header)")]
    [InlineData(new byte[] { 0x4C, 0x46, 0x50, 0x4B, 2, 0, 0 }, "package format 2 is not supported (this reader knows format 1)")]
    [InlineData(new byte[] { 0x4C, 0x46, 0x50, 0x4B, 1, 200, 0, 1 }, "the manifest runs past the end of the package")]
    [InlineData(new byte[] { 0x4C, 0x46, 0x50, 0x4B, 1, 2, 0, 0x7B, 0x7D, 0 }, "the manifest is not valid (title, version, type, size and sha256 are required)")]
    public void Damaged_packages_say_what_is_wrong(byte[] bytes, string problem)
    {
        Assert.Equal(problem, FirmwarePackage.TryRead(bytes, out _));
    }

    [Fact]
    public void Truncated_or_extended_packages_are_refused()
    {
        byte[] bytes = FirmwarePackage.Create(s_image, "fw", "2.0.0", signingKey: s_key);

        Assert.NotNull(FirmwarePackage.TryRead(bytes.AsMemory(0, bytes.Length - 1), out _));
        Assert.NotNull(FirmwarePackage.TryRead(bytes.AsMemory(0, 500), out _));
        Assert.NotNull(FirmwarePackage.TryRead(bytes.Append((byte)0).ToArray(), out _));
    }

    [Fact]
    public void Caller_mistakes_say_what_to_fix()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Contains("P-256", Assert.Throws<ArgumentException>(() => FirmwarePackage.Create(s_image, "fw", "1", signingKey: p384)).Message, StringComparison.Ordinal);
        Assert.Contains("this image is 0 bytes", Assert.Throws<ArgumentException>(() => FirmwarePackage.Create([], "fw", "1")).Message, StringComparison.Ordinal);
        Assert.Contains("this image is 5000000 bytes", Assert.Throws<ArgumentException>(() => FirmwarePackage.Create(new byte[5_000_000], "fw", "1")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FirmwarePackage.Create(s_image, " ", "1"));
        Assert.Throws<ArgumentException>(() => FirmwarePackage.Read(FirmwarePackage.Create(s_image, "fw", "1")).VerifySignature(p384));
    }

    /// <summary>No single flipped byte anywhere gives a package that still verifies: it is refused or its signature fails.</summary>
    [Property(MaxTest = 200)]
    public bool Any_flipped_byte_of_a_signed_package_is_caught(PositiveInt position, byte mask)
    {
        byte[] bytes = FirmwarePackage.Create(s_image.AsSpan(0, 300), "fw", "3.0.0", signingKey: s_key);
        bytes[position.Get % bytes.Length] ^= mask == 0 ? (byte)1 : mask;

        return FirmwarePackage.TryRead(bytes, out FirmwarePackage? package) is not null || !package!.VerifySignature(s_key);
    }
}

using System.Security.Cryptography;
using LoRaFuota.Campaigns;
using LoRaFuota.Signing;

namespace LoRaFuota.Simulation.Tests;

/// <summary>Devices that hold the vendor's public key install a signed package only when its signature verifies.</summary>
public sealed class SignedPackageTests
{
    private static readonly ECDsa s_vendor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa s_attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public void A_package_signed_with_the_vendors_key_is_installed_with_the_manifests_version()
    {
        SimulationResult result = CampaignSimulator.Run(Options(FirmwarePackage.Create(SampleImage.Create(8000), "fw", "3.1.0", signingKey: s_vendor), "3.1.0"));

        Assert.True(result.Completed);
        Assert.All(result.DeviceResults, d =>
        {
            Assert.Equal(OtaState.Updated, d.State);
            Assert.Equal("3.1.0", d.FirmwareVersion);
            Assert.Equal(result.ImageSha256, d.FirmwareSha256);
        });
    }

    [Fact]
    public void A_package_signed_with_another_key_ends_failed_as_an_integrity_failure_and_is_never_installed()
    {
        SimulationResult result = CampaignSimulator.Run(Options(FirmwarePackage.Create(SampleImage.Create(8000), "fw", "3.1.0", signingKey: s_attacker), "3.1.0"));

        AssertRefused(result);
    }

    [Fact]
    public void An_unsigned_image_is_refused_by_devices_that_insist_on_signatures()
    {
        SimulationResult result = CampaignSimulator.Run(Options(SampleImage.Create(8000), "3.1.0"));

        AssertRefused(result);
    }

    [Fact]
    public void A_signed_package_whose_image_was_changed_after_signing_is_refused()
    {
        byte[] package = FirmwarePackage.Create(SampleImage.Create(8000), "fw", "3.1.0", signingKey: s_vendor);
        FirmwareManifest manifest = FirmwarePackage.Read(package).Manifest;
        byte[] swapped = FirmwarePackage.Create(Images.TamperedCopy(SampleImage.Create(8000)), "fw", "3.1.0"); // re-hashed, but unsigned

        Assert.Equal(manifest.Size, FirmwarePackage.Read(swapped).Manifest.Size);
        AssertRefused(CampaignSimulator.Run(Options(swapped, "3.1.0")));
    }

    [Fact]
    public void An_empty_or_unreadable_public_key_is_refused_when_the_device_is_made()
    {
        // byte[] null converted to ReadOnlyMemory<byte>? is an empty key, not none: it would make devices refuse every image.
        var empty = new SimulationOptions { DeviceCount = 1, PackagePublicKey = (byte[]?)null };
        var garbage = new SimulationOptions { DeviceCount = 1, PackagePublicKey = new byte[] { 1, 2, 3 } };

        Assert.Contains("not an ECDSA SubjectPublicKeyInfo (0 bytes)", Assert.Throws<ArgumentException>(() => CampaignSimulator.CreateFleet(empty)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CampaignSimulator.CreateFleet(garbage));
    }

    private static SimulationOptions Options(byte[] image, string version)
    {
        SimulationOptions options = SimulationRuns.Small(devices: 3);
        options.Image = image;
        options.ImageVersion = version;
        options.PackagePublicKey = s_vendor.ExportSubjectPublicKeyInfo();
        return options;
    }

    private static void AssertRefused(SimulationResult result)
    {
        Assert.All(result.DeviceResults, d =>
        {
            Assert.Equal(OtaState.Failed, d.State);
            Assert.Equal(Lwm2mUpdateResult.IntegrityCheckFailure, d.Lwm2mResult); // LwM2M result 5
            Assert.Null(d.FirmwareSha256);
            Assert.Equal("1.0.0", d.FirmwareVersion);
        });
    }
}

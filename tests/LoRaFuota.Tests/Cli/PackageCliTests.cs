using System.Text.Json;
using LoRaFuota.Signing;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

public sealed class PackageCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lorafuota-package-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keygen_sign_and_verify_round_trip_and_the_private_key_is_readable_by_its_owner_only()
    {
        string key = Path.Combine(_dir, "key.pem"), pub = Path.Combine(_dir, "pub.pem"), image = Path.Combine(_dir, "fw.bin"), package = Path.Combine(_dir, "fw.lfpk");
        File.WriteAllBytes(image, [.. Enumerable.Range(0, 5000).Select(i => (byte)i)]);

        Assert.Equal(0, CliRunner.Run("package", "keygen", "--out", key, "--public-out", pub).ExitCode);
        CliResult signed = CliRunner.Run("package", "sign", "--key", key, "--input", image, "--output", package, "--title", "sensor", "--version", "4.2.0");
        CliResult verified = CliRunner.Run("package", "verify", "--public-key", pub, "--input", package);

        Assert.Equal(0, signed.ExitCode);
        Assert.Equal(0, verified.ExitCode);
        using JsonDocument report = JsonDocument.Parse(verified.Output);
        Assert.True(report.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("4.2.0", report.RootElement.GetProperty("version").GetString());
        Assert.Equal(5000, report.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(File.ReadAllBytes(image), FirmwarePackage.Read(File.ReadAllBytes(package)).Image.ToArray());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public void Verify_with_another_key_or_a_tampered_package_exits_1_and_says_why()
    {
        string key = Path.Combine(_dir, "key.pem"), other = Path.Combine(_dir, "other.pem"), otherPub = Path.Combine(_dir, "other.pub.pem"), pub = Path.Combine(_dir, "pub.pem");
        string image = Path.Combine(_dir, "fw.bin"), package = Path.Combine(_dir, "fw.lfpk");
        File.WriteAllBytes(image, new byte[700]);
        CliRunner.Run("package", "keygen", "--out", key, "--public-out", pub);
        CliRunner.Run("package", "keygen", "--out", other, "--public-out", otherPub);
        CliRunner.Run("package", "sign", "--key", key, "--input", image, "--output", package, "--title", "t", "--version", "1");

        CliResult wrongKey = CliRunner.Run("package", "verify", "--public-key", otherPub, "--input", package);
        byte[] bytes = File.ReadAllBytes(package);
        bytes[200] ^= 0xFF;
        File.WriteAllBytes(package, bytes);
        CliResult tampered = CliRunner.Run("package", "verify", "--public-key", pub, "--input", package);

        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Equal("the signature does not verify with this key", JsonDocument.Parse(wrongKey.Output).RootElement.GetProperty("problem").GetString());
        Assert.Equal(1, tampered.ExitCode);
        Assert.Equal("the image's SHA-256 does not match the manifest", JsonDocument.Parse(tampered.Output).RootElement.GetProperty("problem").GetString());
    }

    [Fact]
    public void Mistakes_are_one_line_with_exit_code_2()
    {
        string key = Path.Combine(_dir, "key.pem"), pub = Path.Combine(_dir, "pub.pem"), image = Path.Combine(_dir, "fw.bin");
        File.WriteAllText(image, "x");
        CliRunner.Run("package", "keygen", "--out", key, "--public-out", pub);

        CliResult publicOnly = CliRunner.Run("package", "sign", "--key", pub, "--input", image, "--output", Path.Combine(_dir, "p"), "--title", "t", "--version", "1");
        CliResult notAKey = CliRunner.Run("package", "verify", "--public-key", image, "--input", image);
        CliResult overwrite = CliRunner.Run("package", "keygen", "--out", key);

        Assert.Equal(2, publicOnly.ExitCode);
        Assert.Contains("signing needs the private key", publicOnly.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAKey.ExitCode);
        Assert.Contains("not an ECDSA key in PEM", notAKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, overwrite.ExitCode);
        Assert.Contains("never overwritten", overwrite.Error, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

public sealed class FragmentCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lorafuota-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Fragment_ChirpStackRampVector_PrintsEveryDataFragmentAndNothingElse()
    {
        // fragmentation.json case 0: 100-byte ramp, FragSize 10, redundancy 10, TS004 v1.
        JsonElement vector = SpecVectors.Fragmentation.GetProperty("fragmentation_encode")[0];
        string input = Write("ramp.bin", Hex.Bytes(vector.GetProperty("data_hex").GetString()!));

        CliResult result = CliRunner.Run("fragment", "--input", input, "--fragment-size", "10", "--redundancy", "10", "--ts004", "1", "--frag-index", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(20, result.Lines.Length);
        JsonElement[] fragments = [.. vector.GetProperty("fragments").EnumerateArray()];
        for (int i = 0; i < 20; i++)
        {
            int n = i + 1;
            string header = Convert.ToHexStringLower([0x08, (byte)n, (byte)(2 << 6)]);
            Assert.Equal(header + fragments[i].GetProperty("hex").GetString(), result.Lines[i]);
        }

        Assert.Contains("M = 10", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragment_RedundancyPercent_RoundsUp()
    {
        string input = Write("image.bin", new byte[1001]);
        CliResult result = CliRunner.Run("fragment", "--input", input, "--fragment-size", "100", "--redundancy-percent", "10");
        Assert.Equal(11 + 2, result.Lines.Length); // M = 11, R = ceil(1.1) = 2
    }

    [Theory]
    [InlineData("Give exactly one of --redundancy or --redundancy-percent", "--fragment-size", "10", "--redundancy", "5", "--redundancy-percent", "5")]
    [InlineData("FragSize must be 1 to 255 bytes", "--fragment-size", "0", "--redundancy", "1")]
    [InlineData("Argument 'v3' not recognized", "--fragment-size", "10", "--redundancy", "1", "--parity", "v3")]
    [InlineData("--frag-index must be 0 to 3", "--fragment-size", "10", "--redundancy", "1", "--frag-index", "4")]
    [InlineData("--redundancy must be 0 to", "--fragment-size", "10", "--redundancy", "20000")]
    public void Fragment_BadArguments_Exit2(string expected, params string[] options)
    {
        string input = Write("image.bin", new byte[100]);

        CliResult result = CliRunner.Run(["fragment", "--input", input, .. options]);

        result.AssertUsageError(expected);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    [InlineData("v2-spec")]
    public void Reassemble_ShuffledLossyRepeatedLines_RebuildsTheFile(string parity)
    {
        byte[] image = new byte[4321];
        new Random(5).NextBytes(image);
        string input = Write("image.bin", image);
        CliResult fragments = CliRunner.Run("fragment", "--input", input, "--fragment-size", "50", "--redundancy-percent", "30", "--parity", parity);
        var random = new Random(6);
        string[] lines = [.. fragments.Lines.Where(_ => random.Next(10) != 0).SelectMany(l => random.Next(8) == 0 ? new[] { l, l, string.Empty } : new[] { l })];
        random.Shuffle(lines);
        string fragmentFile = Write("fragments.txt", lines);
        string output = Path.Combine(_directory, "out.bin");

        CliResult result = CliRunner.Run(
            "reassemble", "--nb-frag", "87", "--fragment-size", "50", "--padding", "29", "--parity", parity, "--input", fragmentFile, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(image, File.ReadAllBytes(output));
    }

    [Fact]
    public void Reassemble_TooFewFragments_Exit3WithTheRankAndWritesNothing()
    {
        string input = Write("image.bin", new byte[1000]);
        CliResult fragments = CliRunner.Run("fragment", "--input", input, "--fragment-size", "100", "--redundancy", "0");
        string fragmentFile = Write("fragments.txt", fragments.Lines[..7]);
        string output = Path.Combine(_directory, "out.bin");

        CliResult result = CliRunner.Run("reassemble", "--nb-frag", "10", "--fragment-size", "100", "--padding", "0", "--input", fragmentFile, "--output", output);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not recoverable: rank 7 of 10", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reassemble_MalformedLine_Exit2NamingTheLine()
    {
        string fragmentFile = Write("fragments.txt", ["080100" + new string('0', 20), "not hex"]);
        CliResult result = CliRunner.Run(
            "reassemble", "--nb-frag", "2", "--fragment-size", "10", "--padding", "0", "--input", fragmentFile, "--output", Path.Combine(_directory, "o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string[] lines)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}

using System.Text.Json;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

public class KeysMicCliTests
{
    [Fact]
    public void Keys_FromAppKey_MatchesTheVectors()
    {
        CliResult result = CliRunner.Run(
            "keys", "--app-key", "0202030405060708090a0b0c0d0e0f10", "--mc-addr", "01020304", "--mc-key", "0102030405060708090a0b0c0d0e0f10");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal("264fd859583fcc670241ac071cc9f5bb", json.RootElement.GetProperty("mc_root_key").GetString());
        Assert.Equal("95cb4518ee375606735bbacbdce837fa", json.RootElement.GetProperty("mc_app_s_key").GetString());
        Assert.Equal("c3f6b388bad6c000b23291ad52c11c7b", json.RootElement.GetProperty("mc_nwk_s_key").GetString());
    }

    [Fact]
    public void Keys_EncryptedKeyIn_GivesThePlainKeyBack()
    {
        CliResult forward = CliRunner.Run(
            "keys", "--mc-root-key", "0402030405060708090a0b0c0d0e0f10", "--mc-addr", "00112233", "--mc-key", "02020202020202020202020202020202");
        string encrypted = JsonDocument.Parse(forward.Output).RootElement.GetProperty("mc_key_encrypted").GetString()!;

        CliResult back = CliRunner.Run(
            "keys", "--mc-root-key", "0402030405060708090a0b0c0d0e0f10", "--mc-addr", "00112233", "--mc-key-encrypted", encrypted);

        Assert.Equal("02020202020202020202020202020202", JsonDocument.Parse(back.Output).RootElement.GetProperty("mc_key").GetString());
        Assert.Equal("9083bebf704257883160dbfcde33ad71", JsonDocument.Parse(back.Output).RootElement.GetProperty("mc_ke_key").GetString());
    }

    [Theory]
    [InlineData("Give exactly one of --gen-app-key, --app-key or --mc-root-key", "keys", "--mc-addr", "01020304", "--mc-key", "0102030405060708090a0b0c0d0e0f10")]
    [InlineData("Give exactly one of --gen-app-key, --app-key or --mc-root-key", "keys", "--app-key", "0202030405060708090a0b0c0d0e0f10", "--gen-app-key", "0202030405060708090a0b0c0d0e0f10", "--mc-addr", "01020304", "--mc-key", "0102030405060708090a0b0c0d0e0f10")]
    [InlineData("--app-key must be 32 hex digits", "keys", "--app-key", "02", "--mc-addr", "01020304", "--mc-key", "0102030405060708090a0b0c0d0e0f10")]
    [InlineData("--mc-addr must be 8 hex digits", "keys", "--app-key", "0202030405060708090a0b0c0d0e0f10", "--mc-addr", "0102", "--mc-key", "0102030405060708090a0b0c0d0e0f10")]
    public void Keys_BadArguments_Exit2WithOneLine(string expected, params string[] args)
    {
        CliResult result = CliRunner.Run(args);
        result.AssertUsageError(expected);
    }

    [Fact]
    public void Mic_VectorBlock_MatchesTheVector()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Enumerable.Range(0, 95).Select(i => (byte)i).ToArray());
            CliResult result = CliRunner.Run(
                "mic", "--key", "2b7e151628aed2a6abf7158809cf4f3c", "--session-cnt", "1", "--frag-index", "0", "--descriptor", "00000000", "--input", path);

            Assert.Equal(0, result.ExitCode);
            using JsonDocument json = JsonDocument.Parse(result.Output);
            Assert.Equal("7ac47c65fe259bb654bd263519f89c8e", json.RootElement.GetProperty("data_block_int_key").GetString());
            Assert.Equal("f8dd148b", json.RootElement.GetProperty("mic").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Mic_MissingFile_Exit2()
    {
        CliResult result = CliRunner.Run(
            "mic", "--key", "2b7e151628aed2a6abf7158809cf4f3c", "--session-cnt", "1", "--frag-index", "0", "--descriptor", "00000000", "--input", "/nonexistent/block.bin");
        result.AssertUsageError("cannot read block.bin");
    }
}

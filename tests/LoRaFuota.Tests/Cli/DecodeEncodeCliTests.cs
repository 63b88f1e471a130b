using System.Text.Json;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

public class DecodeEncodeCliTests
{
    [Fact]
    public void Decode_HexArgument_PrintsAJsonArray()
    {
        CliResult result = CliRunner.Run("decode", "--port", "200", "--version", "1", "--direction", "up", "0503010204051f");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("McClassBSessionAns", json.RootElement[0].GetProperty("command").GetString());
        Assert.Equal(262657, json.RootElement[0].GetProperty("time_to_start").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement[1].GetProperty("time_to_start").ValueKind);
    }

    [Fact]
    public void Decode_Stdin_PrintsOneJsonLinePerInputLineAndExit2OnAnyMalformed()
    {
        CliResult result = CliRunner.RunWithInput("0307\n0207\nzz\n0503\n\n", "decode", "--port", "200", "--version", "1", "--direction", "up");

        Assert.Equal(2, result.ExitCode);
        string[] lines = result.Output.Split('\n')[..5];
        Assert.StartsWith("[{\"command\":\"McGroupDeleteAns\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[{\"command\":\"McGroupSetupAns\"", lines[1], StringComparison.Ordinal);
        Assert.Equal("{\"error\":\"invalid hex\",\"offset\":0}", lines[2]);
        Assert.Equal("{\"error\":\"truncated command\",\"offset\":0}", lines[3]);
        Assert.Equal("[]", lines[4]);
    }

    [Fact]
    public void Decode_UnknownCid_ReportsTheOffset()
    {
        CliResult result = CliRunner.Run("decode", "--port", "202", "--version", "2", "--direction", "down", "0307ff");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("{\"error\":\"unknown command identifier\",\"offset\":2}", result.Output.Trim());
    }

    [Fact]
    public void Decode_TS003v2Resync_UsesTheV2Name()
    {
        CliResult result = CliRunner.Run("decode", "--port", "202", "--version", "2", "--direction", "down", "0307");
        Assert.Contains("\"ForceDeviceResyncCmd\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Array_PrintsOneHexLine()
    {
        CliResult result = CliRunner.Run(
            "encode", "--port", "200", "--version", "1", "--direction", "up",
            "[{\"command\":\"McClassBSessionAns\",\"mc_group_id\":3,\"time_to_start\":262657},{\"command\":\"McClassBSessionAns\",\"mc_group_id\":3,\"dr_error\":true,\"freq_error\":true,\"mc_group_undefined\":true}]");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0503010204051f", result.Output.Trim());
    }

    [Fact]
    public void Encode_JsonLines_EncodesEachLineAndNamesTheBadOne()
    {
        CliResult result = CliRunner.RunWithInput(
            "{\"command\":\"FragSessionDeleteReq\",\"frag_index\":2}\n{\"command\":\"FragSessionDeleteReq\",\"frag_index\":9}\n{\"command\":\"FragSessionStatusAns\"}\n",
            "encode", "--port", "201", "--version", "1", "--direction", "down");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("0302", result.Lines.Single());
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("not a downlink command", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // one line per bad input
    }

    [Fact]
    public void DecodeThenEncode_ReproducesTheBytes()
    {
        const string Frame = "02310004800d4001020304800001020304";
        CliResult decoded = CliRunner.Run("decode", "--port", "201", "--version", "2", "--direction", "down", Frame);
        CliResult encoded = CliRunner.Run("encode", "--port", "201", "--version", "2", "--direction", "down", decoded.Output.Trim());

        Assert.Equal(Frame, encoded.Output.Trim());
    }

    [Theory]
    [InlineData("Argument '9' not recognized. Must be one of: '200' '201' '202'", "decode", "--port", "9", "--version", "1", "--direction", "up")]
    [InlineData("Option '--version' is required", "decode", "--port", "200", "--direction", "up")]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("Required command was not provided")]
    public void UsageErrors_PrintOneLineAndExit2(string expected, params string[] args)
    {
        CliResult result = CliRunner.Run(args);
        result.AssertUsageError(expected);
    }

    [Fact]
    public void Decode_RandomGarbage_NeverCrashes()
    {
        var random = new Random(7);
        var lines = new System.Text.StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            byte[] bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            lines.AppendLine(Convert.ToHexString(bytes));
        }

        foreach (string port in new[] { "200", "201", "202" })
        {
            foreach (string direction in new[] { "up", "down" })
            {
                CliResult result = CliRunner.RunWithInput(lines.ToString(), "decode", "--port", port, "--version", "2", "--direction", direction);
                Assert.InRange(result.ExitCode, 0, 2);
                Assert.Equal(300, result.Lines.Length);
            }
        }
    }
}

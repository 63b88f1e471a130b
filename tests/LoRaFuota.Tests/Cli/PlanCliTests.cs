using System.Text.Json;
using System.Xml.Linq;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

public class PlanCliTests
{
    [Fact]
    public void Plan_Json_HasTheContractFields()
    {
        CliResult result = CliRunner.Run("plan", "--size", "102400", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "10", "--loss", "5%", "--format", "json", "--start", "2026-12-01T08:00:00Z");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement plan = json.RootElement;
        foreach (string field in new[] { "nb_frag", "fragment_size", "padding", "redundancy", "time_on_air_ms", "spacing_ms", "total_airtime_s", "session_duration_s", "session_timeout_code", "success_probability", "feasible", "errors", "warnings" })
        {
            Assert.True(plan.TryGetProperty(field, out _), field);
        }

        Assert.Equal(429, plan.GetProperty("nb_frag").GetInt32());
        Assert.Equal(43, plan.GetProperty("redundancy").GetInt32());
        Assert.True(plan.GetProperty("feasible").GetBoolean());
        Assert.Equal(0.05, plan.GetProperty("expected_loss").GetDouble(), 6);
    }

    [Fact]
    public void Plan_Infeasible_Exit3WithTheReasons()
    {
        CliResult result = CliRunner.Run("plan", "--size", "102400", "--region", "EU868", "--dr", "0", "--class", "C", "--redundancy-percent", "10", "--start", "2026-12-01T08:00:00Z");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("NOT FEASIBLE", result.Output, StringComparison.Ordinal);
        Assert.Contains("2^15 s", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Svg_IsWellFormed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lorafuota-plan-{Guid.NewGuid():N}.svg");
        try
        {
            CliResult result = CliRunner.Run("plan", "--size", "40000", "--region", "EU868", "--dr", "3", "--class", "B", "--redundancy", "30", "--start", "2026-12-01T08:00:00Z", "--svg", path);
            Assert.Equal(0, result.ExitCode);
            XDocument svg = XDocument.Load(path);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains("class B", svg.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Plan_DefaultStart_ComesFromTheTimeProvider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var output = new StringWriter();
        int code = LoRaFuota.Cli.LoRaFuotaCli.Run(
            ["plan", "--size", "1000", "--region", "US915", "--dr", "10", "--class", "C", "--redundancy", "2", "--format", "json"], TextReader.Null, output, TextWriter.Null, time);

        Assert.Equal(0, code);
        Assert.Equal("2030-01-02T03:04:05+00:00", JsonDocument.Parse(output.ToString()).RootElement.GetProperty("setup_start").GetString());
    }

    [Fact]
    public void Plan_FrequencyOffTheGrid_IsAnErrorNotACrash()
    {
        CliResult result = CliRunner.Run("plan", "--size", "5000", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy", "3", "--frequency", "868100050", "--format", "json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("multiples of 100 Hz", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--loss", "5", "--loss must be at least 0 and below 1")]
    [InlineData("--region", "XX1", "Unknown region \"XX1\"")]
    [InlineData("--periodicity", "9", "--periodicity must be 0 to 7")]
    public void Plan_BadArguments_Exit2(string option, string value, string expected)
    {
        string[] args = ["plan", "--size", "1000", "--region", "EU868", "--dr", "5", "--class", "B", "--redundancy", "2"];
        int at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];
        CliRunner.Run(args).AssertUsageError(expected);
    }

    [Fact]
    public void Plan_ScheduleWithInput_CarriesPayloads()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[500]);
            CliResult result = CliRunner.Run("plan", "--input", path, "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy", "1", "--format", "json", "--schedule", "--start", "2026-12-01T08:00:00Z");
            JsonElement schedule = JsonDocument.Parse(result.Output).RootElement.GetProperty("schedule");
            Assert.Equal(3 + 1 + 1, schedule.GetArrayLength());
            Assert.StartsWith("080100", schedule[0].GetProperty("payload_hex").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Text.Json;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Cli;

public sealed class SimulateCliTests
{
    private static readonly string[] s_small = ["simulate", "--size", "6000", "--devices", "5", "--loss", "5%", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "30"];

    private static string[] Small(params string[] more) => [.. s_small, .. more];

    [Fact]
    public void Simulate_Json_HasEveryContractField()
    {
        CliResult result = CliRunner.Run(Small("--format", "json"));

        Assert.Equal(0, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(result.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(5, root.GetProperty("devices").GetInt32());
        Assert.Equal(5, root.GetProperty("updated").GetInt32() + root.GetProperty("failed").GetInt32());
        Assert.True(root.GetProperty("campaign_duration_s").GetDouble() > 0);
        Assert.True(root.GetProperty("fragments_sent").GetInt32() > 0);
        Assert.True(root.GetProperty("airtime_s").GetDouble() > 0);
        JsonElement device = root.GetProperty("device_results")[0];
        Assert.Equal("70b3d57ed0000001", device.GetProperty("dev_eui").GetString());
        Assert.Equal("UPDATED", device.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("failure_reason").ValueKind);
        Assert.True(device.GetProperty("fragments_received").GetInt32() > 0);
        Assert.Equal(root.GetProperty("image_sha256").GetString(), device.GetProperty("firmware_sha256").GetString());
        Assert.Equal("2.0.0", device.GetProperty("firmware_version").GetString());
        Assert.Equal(2, device.GetProperty("package_versions").GetProperty("ts004").GetInt32());
        Assert.Equal(2, device.GetProperty("package_versions").GetProperty("ts003").GetInt32());
        Assert.Equal(2, device.GetProperty("package_versions").GetProperty("ts005").GetInt32());
        Assert.Equal(0, device.GetProperty("lwm2m_state").GetInt32());
        Assert.Equal(1, device.GetProperty("lwm2m_result").GetInt32());
        JsonElement history = device.GetProperty("history");
        Assert.Equal("INITIATED", history[0].GetProperty("state").GetString());
        Assert.Equal("UPDATED", history[history.GetArrayLength() - 1].GetProperty("state").GetString());
        Assert.True(history[0].TryGetProperty("at", out _));
    }

    [Fact]
    public void Simulate_SameSeed_GivesByteIdenticalJson_AnotherSeedDoesNot()
    {
        string first = CliRunner.Run(Small("--format", "json", "--seed", "7")).Output;
        string second = CliRunner.Run(Small("--format", "json", "--seed", "7")).Output;
        string other = CliRunner.Run(Small("--format", "json", "--seed", "8")).Output;

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("600")]
    [InlineData("4000")]
    [InlineData("5500")]
    public void Simulate_RestartAt_GivesByteIdenticalJson(string seconds)
    {
        string plain = CliRunner.Run(Small("--format", "json", "--seed", "3")).Output;

        CliResult restarted = CliRunner.Run(Small("--format", "json", "--seed", "3", "--restart-at", seconds));

        Assert.Equal(0, restarted.ExitCode);
        Assert.Equal(plain, restarted.Output);
    }

    [Fact]
    public void Simulate_CancelAt_EveryDeviceNotUpdatedEndsCancelled()
    {
        CliResult result = CliRunner.Run(Small("--format", "json", "--cancel-at", "60"));

        Assert.Equal(0, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(result.Output);
        Assert.True(document.RootElement.GetProperty("cancelled").GetBoolean());
        Assert.All(document.RootElement.GetProperty("device_results").EnumerateArray(), d =>
        {
            Assert.Equal("FAILED", d.GetProperty("state").GetString());
            Assert.Equal("cancelled", d.GetProperty("failure_reason").GetString());
            Assert.Equal(10, d.GetProperty("lwm2m_result").GetInt32());
        });
    }

    [Fact]
    public void Simulate_Text_ReportsStatesTimelineAndTraffic()
    {
        CliResult result = CliRunner.Run(Small("--closed-loop"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("LoRaFuota simulation: 5 devices", result.Output, StringComparison.Ordinal);
        Assert.Contains("UPDATED 5", result.Output, StringComparison.Ordinal);
        Assert.Contains("closed loop", result.Output, StringComparison.Ordinal);
        Assert.Contains("group 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("completed at", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_Fleet_ReadsTheFileAndReportsFailuresByReason()
    {
        string fleet = Path.GetTempFileName();
        File.WriteAllText(fleet, """
            [{"dev_eui": "70b3d57ed0000001", "uplink_interval_s": 300},
             {"dev_eui": "70b3d57ed0000002", "offline": true},
             {"dev_eui": "70b3d57ed0000003", "versions": {"ts004": [1]}, "loss": 0}]
            """);

        CliResult result = CliRunner.Run("simulate", "--size", "5000", "--fleet", fleet, "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "30");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("UPDATED 2", result.Output, StringComparison.Ordinal);
        Assert.Contains("timeout 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("TS004 v1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_EventsAndSvg_AreWritten()
    {
        string events = Path.GetTempFileName();
        string svg = Path.GetTempFileName();

        CliResult result = CliRunner.Run(Small("--events", events, "--svg", svg));

        Assert.Equal(0, result.ExitCode);
        string[] lines = File.ReadAllLines(events);
        Assert.All(lines, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("type", out _)));
        Assert.Contains(lines, l => l.Contains("\"type\":\"session_scheduled\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"type\":\"multicast_sent\"", StringComparison.Ordinal));
        Assert.EndsWith("\"type\":\"campaign_completed\",\"updated\":5,\"failed\":0,\"cancelled\":false}", lines[^1], StringComparison.Ordinal);
        string picture = File.ReadAllText(svg);
        Assert.StartsWith("<svg", picture, StringComparison.Ordinal);
        Assert.Contains("devices per state", picture, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_InfeasiblePlan_ExitsThreeWithThePlansReasons()
    {
        CliResult result = CliRunner.Run("simulate", "--size", "150000", "--devices", "2", "--region", "EU868", "--dr", "0", "--class", "C", "--redundancy-percent", "10");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("NOT FEASIBLE", result.Output, StringComparison.Ordinal);
        Assert.Contains("2^15 s", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("both --size and --input", "simulate --size 100 --input x --region EU868 --dr 5 --class C --redundancy 2", "exactly one of --input or --size")]
    [InlineData("no redundancy", "simulate --size 1000 --region EU868 --dr 5 --class C", "exactly one of Redundancy")]
    [InlineData("bad loss", "simulate --size 1000 --loss 150% --region EU868 --dr 5 --class C --redundancy 2", "--loss")]
    [InlineData("bad region", "simulate --size 1000 --region MARS --dr 5 --class C --redundancy 2", "Unknown region")]
    [InlineData("bad ts004", "simulate --size 1000 --ts004 3 --region EU868 --dr 5 --class C --redundancy 2", "--ts004")]
    [InlineData("bad burst", "simulate --size 1000 --burst-length 0.5 --region EU868 --dr 5 --class C --redundancy 2", "--burst-length")]
    [InlineData("negative cancel", "simulate --size 1000 --cancel-at -5 --region EU868 --dr 5 --class C --redundancy 2", "--cancel-at")]
    [InlineData("too many devices", "simulate --size 1000 --devices 0 --region EU868 --dr 5 --class C --redundancy 2", "--devices")]
    public void Simulate_UsageError_ExitsTwoWithOneLineNamingTheProblem(string what, string arguments, string expected)
    {
        CliResult result = CliRunner.Run(arguments.Split(' '));

        result.AssertUsageError(expected);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void Simulate_FleetWithAnUnknownField_NamesTheDeviceAndTheField()
    {
        string fleet = Path.GetTempFileName();
        File.WriteAllText(fleet, """[{"dev_eui": "70b3d57ed0000001", "speed": 3}]""");

        CliResult result = CliRunner.Run("simulate", "--size", "1000", "--fleet", fleet, "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy", "2");

        result.AssertUsageError("device 70b3d57ed0000001: unknown field \"speed\"");
    }

    [Fact]
    public void Simulate_FleetAndDevicesTogether_IsAUsageError()
    {
        CliResult result = CliRunner.Run("simulate", "--size", "1000", "--fleet", "f.json", "--devices", "3", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy", "2");

        result.AssertUsageError("--devices or --fleet");
    }

    [Fact]
    public void Demo_RunsTheSampleSimulation()
    {
        CliResult result = CliRunner.Run("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("LoRaFuota simulation: 300 devices, 65536-byte image", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--network-server", "tts")]
    [InlineData("--broker", "mqtt://127.0.0.1:1883")]
    public void Simulate_NetworkServerWithoutBrokerOrTheOtherWay_IsAUsageError(string option, string value)
    {
        CliResult result = CliRunner.Run(Small(option, value));

        result.AssertUsageError("--network-server and --broker together");
    }

    [Theory]
    [InlineData("http://127.0.0.1:1883")]
    [InlineData("127.0.0.1:1883")]
    public void Simulate_BrokerThatIsNotAnMqttUrl_IsAUsageError(string broker)
    {
        CliResult result = CliRunner.Run(Small("--network-server", "chirpstack", "--broker", broker));

        result.AssertUsageError("is not mqtt://[user:password@]host:port");
    }

    [Fact]
    public void Simulate_ThroughABrokerThatIsNotThere_SaysSoInOneLine()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        int port = ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop(); // a port nobody listens on

        CliResult result = CliRunner.Run(Small("--network-server", "tts", "--broker", $"mqtt://127.0.0.1:{port}"));

        result.AssertUsageError($"The run through the broker 127.0.0.1:{port} failed");
    }
}

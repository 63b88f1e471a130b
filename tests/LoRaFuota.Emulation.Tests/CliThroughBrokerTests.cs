using System.Text.Json;
using LoRaFuota.Cli;
using LoRaFuota.Testing;

namespace LoRaFuota.Emulation.Tests;

/// <summary><c>lorafuota simulate --network-server ... --broker ...</c>: the same JSON report, from a run through the adapter, Mosquitto and the emulator.</summary>
public sealed class CliThroughBrokerTests
{
    [SkippableTheory]
    [InlineData("chirpstack", "C")]
    [InlineData("tts", "B")]
    public void Simulate_ThroughTheBroker_ReportsEveryDeviceUpdatedInTheSameJson(string networkServer, string multicastClass)
    {
        using Mosquitto broker = Mosquitto.Start();
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = LoRaFuotaCli.Run(
            ["simulate", "--size", "4000", "--devices", "4", "--region", "EU868", "--dr", "5", "--class", multicastClass, "--redundancy-percent", "30",
             "--network-server", networkServer, "--broker", $"mqtt://127.0.0.1:{broker.Port}", "--format", "json"],
            TextReader.Null, output, error);

        Assert.True(code == 0, error.ToString());
        using JsonDocument report = JsonDocument.Parse(output.ToString());
        Assert.Equal(4, report.RootElement.GetProperty("devices").GetInt32());
        Assert.Equal(4, report.RootElement.GetProperty("updated").GetInt32());
        Assert.True(report.RootElement.GetProperty("fragments_sent").GetInt32() > 0);
        Assert.All(report.RootElement.GetProperty("device_results").EnumerateArray(), d => Assert.Equal("UPDATED", d.GetProperty("state").GetString()));
    }
}

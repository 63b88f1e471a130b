using System.Diagnostics.Metrics;
using System.Reflection;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Security;
using Microsoft.Extensions.Logging;

namespace LoRaFuota.Hosting.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_CountFragmentsAirtimeUplinksAndDevicesPerState()
    {
        using var metrics = new FuotaMetrics();
        var measured = new Dictionary<string, double>();
        var devices = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FuotaMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measured)
            {
                if (instrument.Name == "lorafuota.devices")
                {
                    string state = (string)tags.ToArray().Single(t => t.Key == "state").Value!;
                    devices[state] = devices.GetValueOrDefault(state) + value;
                }
                else
                {
                    measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        using var bench = new RunnerBench(devices: 3, metrics: metrics);

        await bench.RunAsync();

        MulticastSent[] sent = [.. bench.Events.OfType<MulticastSent>()];
        Assert.Equal(sent.Count(m => m.Kind == MulticastPayloadKind.DataFragment), measured["lorafuota.fragments.sent"]);
        Assert.Equal(sent.Sum(m => m.Airtime.TotalSeconds), measured["lorafuota.airtime"], precision: 6);
        Assert.Equal(bench.Events.OfType<UnicastSent>().Count(), measured["lorafuota.downlinks.unicast"]);
        Assert.True(measured["lorafuota.uplinks.received"] > 0);
        Assert.Equal(3, devices[nameof(OtaState.Updated)]);
        Assert.All(devices.Where(d => d.Key != nameof(OtaState.Updated)), d => Assert.Equal(0, d.Value));
    }

    [Fact]
    public async Task Logs_NameWhatHappenedButNeverAKey()
    {
        var logger = new RecordingLogger<FuotaCampaignRunner>();
        using var bench = new RunnerBench(devices: 2, logger: logger);

        await bench.RunAsync();

        var records = logger.Records;
        Assert.Contains(records, r => r.Id.Name == "CampaignStarted");
        Assert.Contains(records, r => r.Id.Name == "SessionScheduled");
        Assert.Contains(records, r => r.Id.Name == "CampaignCompleted" && r.Message.Contains("2 updated", StringComparison.Ordinal));
        var mcAddr = bench.Server.Network.Log.Groups.Single().McAddr;
        string[] secrets =
        [
            RunnerBench.McKey.ToHexString(),
            MulticastKeys.DeriveMcAppSKey(RunnerBench.McKey, mcAddr).ToHexString(),
            MulticastKeys.DeriveMcNwkSKey(RunnerBench.McKey, mcAddr).ToHexString(),
        ];
        Assert.All(records, r => Assert.All(secrets, secret => Assert.DoesNotContain(secret, r.Message, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Log_EventIdsAndNamesAreUnique()
    {
        LoggerMessageAttribute[] messages = [.. typeof(FuotaCampaignRunner).Assembly.GetType("LoRaFuota.Hosting.Log")!
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()];

        Assert.True(messages.Length >= 8);
        Assert.Equal(messages.Length, messages.Select(m => m.EventId).Distinct().Count());
        Assert.Equal(messages.Length, messages.Select(m => m.EventName).Distinct().Count());
    }
}

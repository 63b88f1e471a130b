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
        using var recorder = new MetricsRecorder();
        using var bench = new RunnerBench(devices: 3, metrics: metrics);

        await bench.RunAsync();

        MulticastSent[] sent = [.. bench.Events.OfType<MulticastSent>()];
        Assert.Equal(sent.Count(m => m.Kind == MulticastPayloadKind.DataFragment), recorder.Totals["lorafuota.fragments.sent"]);
        Assert.Equal(sent.Sum(m => m.Airtime.TotalSeconds), recorder.Totals["lorafuota.airtime"], precision: 6);
        Assert.Equal(bench.Events.OfType<UnicastSent>().Count(), recorder.Totals["lorafuota.downlinks.unicast"]);
        Assert.True(recorder.Totals["lorafuota.uplinks.received"] > 0);
        Assert.Equal(3, recorder.Devices[nameof(OtaState.Updated)]);
        Assert.All(recorder.Devices.Where(d => d.Key != nameof(OtaState.Updated)), d => Assert.Equal(0, d.Value));
    }

    [Fact]
    public async Task Metrics_DevicesOfAResumedCampaign_AreCountedOnceInTheStateTheyAreIn()
    {
        using var metrics = new FuotaMetrics();
        using var recorder = new MetricsRecorder();
        using var bench = new RunnerBench(devices: 3, metrics: metrics);
        await bench.RunAsync(until: RunnerBench.Start + TimeSpan.FromMinutes(20));
        Assert.False(bench.Campaign.IsCompleted);
        Assert.Equal(0, recorder.Devices.Values.Sum()); // a runner that stops takes its devices with it

        FuotaCampaign restored = FuotaCampaign.Restore(bench.Runner.SaveSnapshot(), bench.Options.Image!, bench.Keys);
        bench.Runner = new FuotaCampaignRunner(restored, bench.Server, bench.Time, metrics: metrics);
        await bench.RunAsync();

        Assert.True(restored.IsCompleted);
        Assert.Equal(3, recorder.Devices[nameof(OtaState.Updated)]);
        Assert.All(recorder.Devices.Where(d => d.Key != nameof(OtaState.Updated)), d => Assert.Equal(0, d.Value));
    }

    /// <summary>Listens to the LoRaFuota meter: counter totals by instrument, and the device up-down counter by state.</summary>
    private sealed class MetricsRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public MetricsRecorder()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FuotaMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (Totals)
                {
                    if (instrument.Name == "lorafuota.devices")
                    {
                        string state = (string)tags.ToArray().Single(t => t.Key == "state").Value!;
                        Devices[state] = Devices.GetValueOrDefault(state) + value;
                    }
                    else
                    {
                        Totals[instrument.Name] = Totals.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            });
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            {
                lock (Totals)
                {
                    Totals[instrument.Name] = Totals.GetValueOrDefault(instrument.Name) + value;
                }
            });
            _listener.Start();
        }

        public Dictionary<string, double> Totals { get; } = [];

        public Dictionary<string, long> Devices { get; } = [];

        public void Dispose() => _listener.Dispose();
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

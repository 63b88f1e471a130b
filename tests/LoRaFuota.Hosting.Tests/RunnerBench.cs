using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Devices;
using LoRaFuota.Simulation.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Hosting.Tests;

/// <summary>
/// A campaign run by the real <see cref="FuotaCampaignRunner"/> against the simulated network server, on a
/// <see cref="FakeTimeProvider"/> that the bench moves from one thing to the next once the runner has caught up.
/// </summary>
internal sealed class RunnerBench : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_realTimeLimit = TimeSpan.FromSeconds(60);

    public RunnerBench(int devices = 3, Action<FuotaCampaignOptions>? configure = null, Func<IFuotaTransport, IFuotaTransport>? wrap = null, ILogger<FuotaCampaignRunner>? logger = null, FuotaMetrics? metrics = null)
    {
        var region = RegionalParameters.Get(Region.EU868);
        Keys = new DeviceKeyStore();
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(SampleImage.Create(3000), "sample", "2.0.0"), DataRate = 5, RedundancyPercent = 40, McKey = McKey };
        var virtualDevices = new List<VirtualDevice>();
        for (int i = 1; i <= devices; i++)
        {
            var eui = new DevEui(0xB0000000UL + (ulong)i);
            Key128 root = Key128.Parse($"{i:x2}112233445566778899aabbccddeeff"[..32]);
            Keys.Add(eui, RootKeyKind.GenAppKey, root);
            options.Devices.Add(new CampaignDevice { DevEui = eui, UplinkInterval = TimeSpan.FromMinutes(5) });
            var device = new VirtualDevice(new VirtualDeviceOptions { DevEui = eui, RootKey = root, UplinkInterval = TimeSpan.FromMinutes(5) }, region, seed: i);
            device.ExpectImage(options.Image.Sha256, "2.0.0");
            virtualDevices.Add(device);
        }

        configure?.Invoke(options);
        Options = options;
        Campaign = FuotaCampaign.Create(options, Keys);
        Server = new SimulatedNetworkServer(new SimulatedNetwork(region, 5, virtualDevices), Time);
        Transport = wrap is null ? Server : wrap(Server);
        Runner = new FuotaCampaignRunner(Campaign, Transport, Time, logger, metrics);
    }

    public static Key128 McKey { get; } = Key128.Parse("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    public FakeTimeProvider Time { get; } = new(Start);

    public DeviceKeyStore Keys { get; }

    public FuotaCampaignOptions Options { get; }

    public FuotaCampaign Campaign { get; }

    public SimulatedNetworkServer Server { get; }

    public IFuotaTransport Transport { get; }

    public FuotaCampaignRunner Runner { get; set; }

    public List<CampaignEvent> Events { get; } = [];

    /// <summary>Runs the runner with the fake clock until it ends or <paramref name="until"/>; returns when it stopped.</summary>
    public async Task RunAsync(DateTimeOffset? until = null, Action<RunnerBench>? atEachStep = null)
    {
        using var stop = new CancellationTokenSource();
        long baseline = Server.UplinksEmitted; // a runner starting on a running server owes nothing for earlier uplinks
        Task consume = Task.Run(async () =>
        {
            await foreach (CampaignEvent campaignEvent in Runner.RunAsync(stop.Token))
            {
                lock (Events)
                {
                    Events.Add(campaignEvent);
                }
            }
        });
        DateTimeOffset deadline = DateTimeOffset.UtcNow + s_realTimeLimit; // a real-time bound on the test, not a measurement
        try
        {
            while (!consume.IsCompleted)
            {
                await CaughtUpAsync(consume, baseline, deadline);
                if (consume.IsCompleted)
                {
                    break;
                }

                atEachStep?.Invoke(this);
                DateTimeOffset? next = Earliest(Runner.NextWakeUp, Server.Network.NextEventTime);
                if (next is not DateTimeOffset at || (until is DateTimeOffset limit && at > limit))
                {
                    break;
                }

                Time.Advance(at > Time.GetUtcNow() ? at - Time.GetUtcNow() : TimeSpan.Zero);
            }
        }
        finally
        {
            if (!consume.IsCompleted)
            {
                await stop.CancelAsync();
            }

            try
            {
                await consume;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public void Dispose() => Server.Dispose();

    private async Task CaughtUpAsync(Task consume, long baseline, DateTimeOffset deadline)
    {
        while (!consume.IsCompleted && !(Runner.IsIdle && baseline + Runner.UplinksDone == Server.UplinksEmitted && !(Runner.NextWakeUp <= Time.GetUtcNow())))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The runner did not catch up with the fake clock.");
            }

            await Task.Delay(1);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}

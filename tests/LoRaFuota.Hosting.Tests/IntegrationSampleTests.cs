using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Packages;
using Microsoft.Extensions.Time.Testing;
using MyCompany.Fuota;

namespace LoRaFuota.Hosting.Tests;

public sealed class IntegrationSampleTests
{
    [Fact]
    public void TheIntegrationPage_ShowsTheSampleAsItCompilesHere()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LoRaFuota.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        string sample = File.ReadAllText(Path.Combine(root, "tests", "LoRaFuota.Hosting.Tests", "IntegrationSample.cs")).ReplaceLineEndings("\n");
        string page = File.ReadAllText(Path.Combine(root, "docs", "integration.md")).ReplaceLineEndings("\n");
        int begin = sample.IndexOf("// begin sample\n", StringComparison.Ordinal) + "// begin sample\n".Length;
        string code = sample[begin..sample.IndexOf("// end sample", StringComparison.Ordinal)];

        Assert.Contains("```csharp\n" + code + "```", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSampleTransport_CarriesTheCampaignsRequestsAndAnswersIn()
    {
        var client = new RecordingClient();
        var transport = new MyNetworkServerTransport(client, "fw-2.1");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var keys = new DeviceKeyStore();
        var eui = new DevEui(0xC1);
        keys.Add(eui, RootKeyKind.GenAppKey, default);
        var options = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[500], "x", "2.1.0"), Redundancy = 2, DataRate = 5 };
        options.Devices.Add(new CampaignDevice { DevEui = eui });
        var runner = new FuotaCampaignRunner(FuotaCampaign.Create(options, keys), transport, time);
        using var stop = new CancellationTokenSource();
        var events = new List<CampaignEvent>();
        Task run = Task.Run(async () =>
        {
            await foreach (CampaignEvent e in runner.RunAsync(stop.Token))
            {
                lock (events)
                {
                    events.Add(e);
                }
            }
        });

        await Until(() => client.Unicast.Count == 3);
        Assert.Equal([200, 201, 202], client.Unicast.Select(u => (int)u.FPort).Order());
        await transport.OnUplink(eui.ToString(), 201, new PackageVersionAns(3, 2).ToArray(), time.GetUtcNow(), CancellationToken.None);
        await Until(() => runner.UplinksDone == 1);
        Assert.Equal(PackageVersion.V2, runner.Campaign.GetDevice(eui).FragmentationVersion);

        runner.Cancel();
        await Until(() => run.IsCompleted);
        Assert.Equal(DeviceFailureReason.Cancelled, runner.Campaign.GetDevice(eui).FailureReason);
        Assert.True(runner.Campaign.IsCompleted); // nothing to tear down: it only answered a version request
        Assert.IsType<CampaignCompleted>(events[^1]);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 10_000 && !condition(); i++)
        {
            await Task.Delay(1); // bounded: 10 000 short waits at most
        }

        Assert.True(condition());
    }

    private sealed class RecordingClient : IMyNetworkServerClient
    {
        public List<(string DevEui, byte FPort)> Unicast { get; } = [];

        public Task EnqueueDownlinkAsync(string devEui, byte fPort, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            lock (Unicast)
            {
                Unicast.Add((devEui, fPort));
            }

            return Task.CompletedTask;
        }

        public Task CreateMulticastGroupAsync(string name, string mcAddr, string mcAppSKey, string mcNwkSKey, uint firstFCnt, string groupClass, int dataRate, uint frequencyHz, byte periodicity, IEnumerable<string> devEuis, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EnqueueMulticastAsync(string name, byte fPort, ReadOnlyMemory<byte> payload, uint fCnt, DateTimeOffset notBefore, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteMulticastGroupAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

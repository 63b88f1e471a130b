using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using MyCompany.Fuota;

namespace LoRaFuota.Hosting.Tests;

/// <summary>The LoRaFuota.Hosting package readme shows code that compiles and runs against the integration sample.</summary>
public sealed class PackageReadmeTests
{
    [Fact]
    public async Task HostingPackage_RunnerSample_RunsAndIsOnThePage()
    {
        var keyProvider = new DeviceKeyStore();
        var eui = new DevEui(0xC2);
        keyProvider.Add(eui, RootKeyKind.GenAppKey, default);
        var campaignOptions = new FuotaCampaignOptions { Image = new FirmwareImage(new byte[500], "x", "2.1.0"), Redundancy = 2, DataRate = 5 };
        campaignOptions.Devices.Add(new CampaignDevice { DevEui = eui });
        var myTransport = new MyNetworkServerTransport(new NullClient(), "fw-2.1");
        using var stop = new CancellationTokenSource();
        CancellationToken cancellationToken = stop.Token;
        using var console = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(console);
        try
        {
            stop.CancelAfter(TimeSpan.FromSeconds(2)); // the device never answers: stop after its first requests
            try
            {
                // begin sample
                var runner = new FuotaCampaignRunner(FuotaCampaign.Create(campaignOptions, keyProvider), myTransport, TimeProvider.System);
                await foreach (CampaignEvent e in runner.RunAsync(cancellationToken))
                {
                    Console.WriteLine(e);
                }

                // end sample
            }
            catch (OperationCanceledException)
            {
                // the sample runs until the campaign ends; here it is stopped
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("UnicastSent", console.ToString(), StringComparison.Ordinal);

        string source = Read("tests", "LoRaFuota.Hosting.Tests", "PackageReadmeTests.cs");
        int begin = source.IndexOf("// begin sample\n", StringComparison.Ordinal) + "// begin sample\n".Length;
        string code = string.Join('\n', source[begin..source.IndexOf("// end sample", StringComparison.Ordinal)]
            .Split('\n').Select(l => l.Length >= 16 ? l[16..] : l.TrimStart())).TrimEnd();
        Assert.Contains(code, Read("src", "LoRaFuota.Hosting", "PACKAGE.md"), StringComparison.Ordinal);
    }

    private static string Read(params string[] parts)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LoRaFuota.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return File.ReadAllText(Path.Combine([root, .. parts])).ReplaceLineEndings("\n");
    }

    private sealed class NullClient : IMyNetworkServerClient
    {
        public Task EnqueueDownlinkAsync(string devEui, byte fPort, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CreateMulticastGroupAsync(string name, string mcAddr, string mcAppSKey, string mcNwkSKey, uint firstFCnt, string groupClass, int dataRate, uint frequencyHz, byte periodicity, IEnumerable<string> devEuis, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EnqueueMulticastAsync(string name, byte fPort, ReadOnlyMemory<byte> payload, uint fCnt, DateTimeOffset notBefore, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteMulticastGroupAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Registry;
using LoRaFuota.TheThingsStack.Transport;

namespace LoRaFuota.TheThingsStack.Tests;

/// <summary>The package readme's sample is this code, and it builds a transport.</summary>
public sealed class PackageReadmeTests
{
    [Fact]
    public async Task Sample_BuildsATransport_AndIsWhatTheReadmeShows()
    {
        string apiKey = "NNSXS.SAMPLE";
        // begin sample
        var mqtt = new TtsMqttClient(new TtsMqttOptions
        {
            Host = "eu1.cloud.example", ApplicationId = "fuota-app", TenantId = "my-tenant", ApiKey = apiKey,
        });
        var registry = new TtsDeviceRegistryClient(new TtsApiOptions
        {
            BaseAddress = new Uri("https://eu1.cloud.example/api/v3/"), ApplicationId = "fuota-app", ApiKey = apiKey,
            FrequencyPlanId = "EU_863_870_TTN",
        });
        var options = new TtsTransportOptions { AbsoluteTime = true }; // GPS gateways
        options.Gateways.Add("my-gateway");
        var transport = new TtsTransport(mqtt, registry, options);
        // end sample

        Assert.Equal("fuota-app@my-tenant", mqtt.ApplicationUid);
        Assert.True(transport.Capabilities.AssignsFrameCounters);
        await transport.DisposeAsync();
        await mqtt.DisposeAsync();
        registry.Dispose();

        string source = Read("tests", "LoRaFuota.TheThingsStack.Tests", "PackageReadmeTests.cs");
        int begin = source.IndexOf("// begin sample\n", StringComparison.Ordinal) + "// begin sample\n".Length;
        string code = string.Join('\n', source[begin..source.IndexOf("        // end sample", StringComparison.Ordinal)]
            .Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart())).TrimEnd();
        Assert.Contains(code, Read("src", "LoRaFuota.TheThingsStack", "PACKAGE.md"), StringComparison.Ordinal);
    }

    private static string Read(params string[] parts)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LoRaFuota.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("LoRaFuota.sln not found above the test output.");
        }

        return File.ReadAllText(Path.Combine([root, .. parts]));
    }
}

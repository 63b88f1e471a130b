using System.Text;
using LoRaFuota.Campaigns;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Planning;
using LoRaFuota.Simulation;
using LoRaFuota.Testing;
using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using MQTTnet;

namespace LoRaFuota.Emulation.Tests;

/// <summary>The emulated The Things Stack holds the engine to the server's rules, and a TTS-style authenticated broker carries a whole campaign.</summary>
public sealed class TtsEmulatorTests
{
    private const string EngineKey = "NNSXS.ENGINE.KEY";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Campaign_ThroughABrokerWithPasswordFileAndAcl_UpdatesEveryDevice()
    {
        using Mosquitto broker = Mosquitto.Start(new Dictionary<string, string> { ["fuota-app@tenant1"] = EngineKey, ["tts-server"] = "server-secret" }, ["tts-server"]);
        BrokerSimulationOptions options = DryRunBench.Options(broker, NetworkServerDialect.TheThingsStack);
        options.EnginePassword = EngineKey;
        options.EmulatorUsername = "tts-server";
        options.EmulatorPassword = "server-secret";
        await using BrokerSimulation run = await BrokerSimulation.StartAsync(DryRunBench.Simulation(MulticastClass.ClassC, 4, 4000), options);

        SimulationResult result = await run.RunAsync();

        DryRunBench.AssertDelivered(result, run);
    }

    [SkippableFact]
    public async Task MulticastPush_WithoutGatewaysOrInThePast_FailsAsTheServerFailsIt()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using BrokerSimulation run = await BrokerSimulation.StartAsync(DryRunBench.Simulation(MulticastClass.ClassC, 2, 1000), DryRunBench.Options(broker, NetworkServerDialect.TheThingsStack));
        await run.Transport.CreateMulticastGroupAsync(
            new MulticastGroupCreation(1, 0, 0x01ABCDEF, Key128.Parse("000102030405060708090a0b0c0d0e0f"), Key128.Parse("0f0e0d0c0b0a09080706050403020100"), 0,
                MulticastClass.ClassC, 3, 869_525_000, 0, [], run.Now, run.Now.AddHours(1)),
            CancellationToken.None);
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build()).WaitAsync(s_wait);
        var failures = new List<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (failures)
            {
                failures.Add(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            }

            return Task.CompletedTask;
        };
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("v3/+/devices/+/down/failed").Build());
        string push = TtsTopics.Push("fuota-app@tenant1", "lorafuota-mc-0-01abcdef");

        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(push).WithPayload(TtsMessages.Push([new TtsDownlink { FPort = 201, Payload = new byte[] { 1 } }])).Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(push).WithPayload(TtsMessages.Push(
            [new TtsDownlink { FPort = 201, Payload = new byte[] { 1 }, Gateways = ["gateway-1"], AbsoluteTime = run.Now.AddSeconds(-1) }])).Build());

        for (int i = 0; i < 200 && Count(failures) < 2; i++)
        {
            await Task.Delay(50); // bounded: 10 s
        }

        Assert.Equal(2, Count(failures));
        Assert.Contains(failures, f => f.Contains("\"name\":\"no_gateways\"", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("\"name\":\"too_late\"", StringComparison.Ordinal));
        Assert.Equal(2, run.Emulator.Dropped.Count);
        Assert.Empty(run.Emulator.Network.Log.Multicast);
    }

    [SkippableFact]
    public async Task Registry_WithAWrongApiKey_IsRefusedWithAHint()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using BrokerSimulation run = await BrokerSimulation.StartAsync(DryRunBench.Simulation(MulticastClass.ClassC, 1, 1000), DryRunBench.Options(broker, NetworkServerDialect.TheThingsStack));
        var emulator = (Emulation.TheThingsStack.TtsEmulator)run.Emulator;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using WebApplication api = builder.Build();
        emulator.MapRegistry(api);
        await api.StartAsync();
        using var registry = new TtsDeviceRegistryClient(
            new TtsApiOptions { BaseAddress = new Uri("http://localhost/api/v3/"), ApiKey = "NNSXS.WRONG", ApplicationId = "fuota-app", FrequencyPlanId = "EU_863_870_TTN" },
            api.GetTestServer().CreateHandler());

        TtsApiException ex = await Assert.ThrowsAsync<TtsApiException>(() => registry.CreateMulticastDeviceAsync(new TtsMulticastDevice
        {
            DeviceId = "mc-1", McAddr = 1, McAppSKey = default, McNwkSKey = default,
        }));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.Status);
        Assert.Contains("Check the API key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NNSXS", ex.Message, StringComparison.Ordinal);
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }
}

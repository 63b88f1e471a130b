using System.Text;
using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.TheThingsStack.Tests;

/// <summary>
/// The MQTT client against a real Mosquitto set up as The Things Stack's MQTT server is: MQTT 3.1.1, user
/// <c>{app}@{tenant}</c> with an API key from a password file, an ACL of <c>v3/%u/#</c>. A second client plays the server.
/// </summary>
public sealed class TtsMqttClientTests
{
    private const string Key = "NNSXS.ENGINEKEY.SECRET";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Uplinks_RepeatedOnesDroppedGarbageIgnored_PushesGoOutOnTheDevicesTopic()
    {
        using Mosquitto broker = Broker();
        await using var engine = new TtsMqttClient(Options(broker, Key));
        await engine.ConnectAsync().WaitAsync(s_wait);
        using IMqttClient server = await Server(broker);
        var pushes = new TaskCompletionSource<(string Topic, string Body)>();
        server.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic.EndsWith("/down/push", StringComparison.Ordinal))
            {
                pushes.TrySetResult((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            }

            return Task.CompletedTask;
        };
        await server.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("v3/+/devices/+/down/push").Build());
        string topic = TtsTopics.Uplink("fuota-app@tenant1", "eui-70b3d57ed0000001");

        await server.PublishStringAsync(topic, "{broken");
        await server.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(TtsContractTests.Fixture("up.json")).Build());
        await server.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(TtsContractTests.Fixture("up.json")).Build()); // the same uplink again
        await server.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(TtsTopics.DownlinkEvent("fuota-app@tenant1", "lorafuota-mc-0-01abcdef", TtsDownlinkEventKind.Sent)).WithPayload(TtsContractTests.Fixture("down-sent.json")).Build());

        TtsUplink up = await engine.Uplinks.ReadAsync().AsTask().WaitAsync(s_wait);
        TtsDownlinkEvent sent = await engine.Outcomes.ReadAsync().AsTask().WaitAsync(s_wait);
        Assert.Equal(202, up.FPort);
        Assert.Equal(TtsDownlinkEventKind.Sent, sent.Kind);
        await Until(() => engine.MessagesReceived >= 4);
        Assert.Equal((1, 1), (engine.Duplicates, engine.Ignored));
        Assert.False(engine.Uplinks.TryRead(out _));

        await engine.PushAsync("eui-70b3d57ed0000001", [new TtsDownlink { FPort = 200, Payload = new byte[] { 0x02, 0x00 }, CorrelationIds = ["lorafuota:down:9"] }]).WaitAsync(s_wait);
        (string pushTopic, string body) = await pushes.Task.WaitAsync(s_wait);
        Assert.Equal("v3/fuota-app@tenant1/devices/eui-70b3d57ed0000001/down/push", pushTopic);
        Assert.Contains("\"correlation_ids\":[\"lorafuota:down:9\"]", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task WrongApiKey_IsOneClearErrorWithoutTheSecret_AndTheRightOneConnects()
    {
        using Mosquitto broker = Broker();
        await using var wrong = new TtsMqttClient(Options(broker, "NNSXS.WRONG.KEY"));

        TtsConnectionException ex = await Assert.ThrowsAsync<TtsConnectionException>(() => wrong.ConnectAsync().WaitAsync(s_wait));

        Assert.Contains("refused the connection", ex.Message, StringComparison.Ordinal);
        Assert.Contains("user name and password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NNSXS", ex.Message, StringComparison.Ordinal);
        Assert.False(wrong.IsConnected);
        await using var right = new TtsMqttClient(Options(broker, Key));
        await right.ConnectAsync().WaitAsync(s_wait);
        Assert.True(right.IsConnected);
    }

    [SkippableFact]
    public async Task BrokerCrash_ClientReconnectsAndResubscribes()
    {
        using Mosquitto broker = Broker();
        await using var engine = new TtsMqttClient(Options(broker, Key));
        await engine.ConnectAsync().WaitAsync(s_wait);

        broker.Restart();
        await Until(() => engine.Reconnects >= 1 && engine.IsConnected);
        using IMqttClient server = await Server(broker);
        await server.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(TtsTopics.Uplink("fuota-app@tenant1", "eui-70b3d57ed0000001")).WithPayload(TtsContractTests.Fixture("up.json")).Build());

        TtsUplink up = await engine.Uplinks.ReadAsync().AsTask().WaitAsync(s_wait);
        Assert.Equal(42u, up.FCnt);
    }

    [Fact]
    public void Options_NameEverySettingThatCannotWork()
    {
        var options = new TtsMqttOptions { Host = "", Port = 70000, ApplicationId = "Fuota App", TenantId = "-x", ApiKey = " ", ReconnectDelay = TimeSpan.Zero };

        ArgumentException ex = Assert.Throws<ArgumentException>(options.Validate);

        foreach (string setting in new[] { "Host", "Port", "ApplicationId", "TenantId", "ApiKey", "ReconnectDelay" })
        {
            Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        }
    }

    private static Mosquitto Broker() =>
        Mosquitto.Start(new Dictionary<string, string> { ["fuota-app@tenant1"] = Key, ["tts-server"] = "server-secret" }, ["tts-server"]);

    private static TtsMqttOptions Options(Mosquitto broker, string key) => new()
    {
        Port = broker.Port, ApplicationId = "fuota-app", TenantId = "tenant1", ApiKey = key,
        ReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    private static async Task<IMqttClient> Server(Mosquitto broker)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithCredentials("tts-server", "server-secret").WithClientId("tts-" + Guid.NewGuid().ToString("N")[..8]).Build()).WaitAsync(s_wait);
        return client;
    }

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50); // bounded: 10 s at most
        }

        Assert.True(condition());
    }
}

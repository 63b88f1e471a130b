using System.Text;
using LoRaFuota.ChirpStack.Events;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.ChirpStack.Tests;

/// <summary>
/// The MQTT client against a real Mosquitto on loopback, with a second MQTT client playing ChirpStack: events in,
/// commands out, QoS 1 redeliveries dropped, a broker crash survived, a shared subscription split between two engine
/// instances, and refused credentials reported as such. Every wait is bounded.
/// </summary>
public sealed class ChirpStackMqttClientTests
{
    private const string Application = "17c82e96-be03-4f38-aef3-f83d48582d97";
    private static readonly DevEui s_device = DevEui.Parse("70b3d57ed0000001");
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Uplink_PublishedTwice_ArrivesOnce()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using ChirpStackMqttClient engine = Engine(broker);
        await engine.ConnectAsync();
        using IMqttClient chirpStack = await Server(broker);

        await PublishUp(chirpStack, "dedup-1", 202, [0x01, 0x02]);
        await PublishUp(chirpStack, "dedup-1", 202, [0x01, 0x02]); // a QoS 1 redelivery carries the same deduplication id
        await PublishUp(chirpStack, "dedup-2", 201, [0x00, 0x03, 0x02]);

        ChirpStackUplink first = await engine.Uplinks.ReadAsync().AsTask().WaitAsync(s_wait);
        ChirpStackUplink second = await engine.Uplinks.ReadAsync().AsTask().WaitAsync(s_wait);
        Assert.Equal(("dedup-1", 202, s_device), (first.DeduplicationId, (int)first.FPort, first.DevEui));
        Assert.Equal("dedup-2", second.DeduplicationId);
        Assert.Equal(1, engine.Duplicates);
        Assert.False(engine.Uplinks.TryRead(out _));
    }

    [SkippableFact]
    public async Task Enqueue_PublishesTheDownCommandWithTheEnginesId_AndTheOutcomeComesBack()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using ChirpStackMqttClient engine = Engine(broker);
        await engine.ConnectAsync();
        using IMqttClient chirpStack = await Server(broker);
        var commands = new TaskCompletionSource<(string Topic, string Body)>();
        chirpStack.ApplicationMessageReceivedAsync += e =>
        {
            commands.TrySetResult((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        await chirpStack.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("application/+/device/+/command/+", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var id = Guid.NewGuid();

        await engine.EnqueueAsync(id, s_device, 200, new byte[] { 0x02, 0x00 }).WaitAsync(s_wait);

        (string topic, string body) = await commands.Task.WaitAsync(s_wait);
        Assert.Equal($"application/{Application}/device/70b3d57ed0000001/command/down", topic);
        Assert.Contains($"\"id\": \"{id}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"devEui\": \"70b3d57ed0000001\"", body, StringComparison.Ordinal);

        string txack = $$"""{"deviceInfo": {"applicationId": "{{Application}}", "devEui": "70b3d57ed0000001"}, "queueItemId": "{{id}}", "fCntDown": 7}""";
        await chirpStack.PublishStringAsync(ChirpStackTopics.Event(Application, s_device, "txack"), txack, MqttQualityOfServiceLevel.AtLeastOnce);
        ChirpStackOutcome outcome = await engine.Outcomes.ReadAsync().AsTask().WaitAsync(s_wait);
        Assert.Equal((ChirpStackOutcomeKind.TransmitAcknowledged, id.ToString(), 7u), (outcome.Kind, outcome.QueueItemId, outcome.FCntDown));
    }

    [SkippableFact]
    public async Task MalformedEvents_AreCountedAndNeverStopTheClient()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using ChirpStackMqttClient engine = Engine(broker);
        await engine.ConnectAsync();
        using IMqttClient chirpStack = await Server(broker);

        await chirpStack.PublishStringAsync(ChirpStackTopics.Event(Application, s_device, "up"), "{not json", MqttQualityOfServiceLevel.AtLeastOnce);
        await chirpStack.PublishStringAsync(ChirpStackTopics.Event(Application, s_device, "txack"), "[]", MqttQualityOfServiceLevel.AtLeastOnce);
        await PublishUp(chirpStack, "after-garbage", 201, [0x00, 0x03, 0x02]);

        ChirpStackUplink up = await engine.Uplinks.ReadAsync().AsTask().WaitAsync(s_wait);
        Assert.Equal("after-garbage", up.DeduplicationId);
        Assert.Equal(2, engine.Ignored);
    }

    [SkippableFact]
    public async Task BrokerCrash_ClientReconnectsResubscribesAndSendsAgain()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using ChirpStackMqttClient engine = Engine(broker);
        await engine.ConnectAsync();

        broker.Restart(); // a crash: persistence is off, so the session and subscription are gone with it
        await Until(() => engine.Reconnects >= 1 && engine.IsConnected);
        using IMqttClient chirpStack = await Server(broker);
        await PublishUp(chirpStack, "after-restart", 202, [0x01, 0x00]);

        ChirpStackUplink up = await engine.Uplinks.ReadAsync().AsTask().WaitAsync(s_wait);
        Assert.Equal("after-restart", up.DeduplicationId); // the subscription was renewed
        await engine.EnqueueAsync(Guid.NewGuid(), s_device, 200, new byte[] { 0x02, 0x00 }).WaitAsync(s_wait);
    }

    [SkippableFact]
    public async Task SharedSubscription_TwoEngineInstancesSplitTheEventsWithoutLosingOrDoubling()
    {
        (List<string> first, List<string> second) = await TwoInstancesAsync("lorafuota", 40, (a, b) => a.Count + b.Count >= 40);

        Assert.Equal(40, first.Concat(second).Distinct().Count());
        Assert.Equal(40, first.Count + second.Count);
    }

    [SkippableFact]
    public async Task PlainSubscription_ByDefault_EveryInstanceSeesEveryEvent()
    {
        (List<string> first, List<string> second) = await TwoInstancesAsync(null, 10, (a, b) => a.Count >= 10 && b.Count >= 10);

        Assert.Equal(first.Order(), second.Order());
        Assert.Equal(10, first.Distinct().Count());
        Assert.Null(new ChirpStackMqttOptions().ShareName); // the default: a plain subscription
    }

    // Two engine instances on one broker with the given share name; the server publishes `count` uplinks; each
    // instance's deduplication ids are read until `done`.
    private static async Task<(List<string> First, List<string> Second)> TwoInstancesAsync(string? share, int count, Func<List<string>, List<string>, bool> done)
    {
        using Mosquitto broker = Mosquitto.Start();
        await using ChirpStackMqttClient first = Engine(broker, share);
        await using ChirpStackMqttClient second = Engine(broker, share);
        await first.ConnectAsync();
        await second.ConnectAsync();
        using IMqttClient chirpStack = await Server(broker);
        for (int i = 0; i < count; i++)
        {
            await PublishUp(chirpStack, $"uplink-{i}", 201, [0x00, 0x03, 0x02]);
        }

        var seenFirst = new List<string>();
        var seenSecond = new List<string>();
        await Until(() =>
        {
            Drain(first, seenFirst);
            Drain(second, seenSecond);
            return done(seenFirst, seenSecond);
        });
        return (seenFirst, seenSecond);
    }

    private static void Drain(ChirpStackMqttClient engine, List<string> seen)
    {
        while (engine.Uplinks.TryRead(out ChirpStackUplink? uplink))
        {
            seen.Add(uplink.DeduplicationId);
        }
    }

    [SkippableFact]
    public async Task WrongPassword_IsOneClearError()
    {
        using Mosquitto broker = Mosquitto.Start(new Dictionary<string, string> { ["app1@tenant1"] = "NNSXS.RIGHT-KEY" });
        var options = Options(broker);
        options.Username = "app1@tenant1";
        options.Password = "NNSXS.WRONG-KEY";
        await using var engine = new ChirpStackMqttClient(options);

        ChirpStackConnectionException ex = await Assert.ThrowsAsync<ChirpStackConnectionException>(() => engine.ConnectAsync().WaitAsync(s_wait));

        Assert.Contains("refused the connection", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NNSXS", ex.Message, StringComparison.Ordinal); // never the secret

        options.Password = "NNSXS.RIGHT-KEY";
        await using var right = new ChirpStackMqttClient(options);
        await right.ConnectAsync().WaitAsync(s_wait);
        Assert.True(right.IsConnected);
    }

    [Fact]
    public void Options_NameEverySettingThatCannotWork()
    {
        var options = new ChirpStackMqttOptions { Host = "", Port = 0, ApplicationId = "a/b", ShareName = "x/y", ReconnectDelay = TimeSpan.Zero };

        ArgumentException ex = Assert.Throws<ArgumentException>(options.Validate);

        foreach (string setting in new[] { "Host", "Port", "ApplicationId", "ShareName", "ReconnectDelay" })
        {
            Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        }
    }

    private static ChirpStackMqttOptions Options(Mosquitto broker) => new()
    {
        Port = broker.Port, ApplicationId = Application, ReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    private static ChirpStackMqttClient Engine(Mosquitto broker, string? share = null)
    {
        ChirpStackMqttOptions options = Options(broker);
        options.ShareName = share;
        return new(options);
    }

    private static async Task<IMqttClient> Server(Mosquitto broker)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId("chirpstack-" + Guid.NewGuid().ToString("N")[..8]).Build()).WaitAsync(s_wait);
        return client;
    }

    private static Task<MqttClientPublishResult> PublishUp(IMqttClient chirpStack, string deduplicationId, int fPort, byte[] data)
    {
        string json = $$"""{"deduplicationId": "{{deduplicationId}}", "time": "2026-03-02T08:15:30.123456789+00:00", "deviceInfo": {"applicationId": "{{Application}}", "devEui": "70b3d57ed0000001"}, "fPort": {{fPort}}, "data": "{{Convert.ToBase64String(data)}}"}""";
        return chirpStack.PublishStringAsync(ChirpStackTopics.Event(Application, s_device, "up"), json, MqttQualityOfServiceLevel.AtLeastOnce);
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

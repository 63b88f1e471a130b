using System.Net;
using System.Text;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Planning;
using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Registry;
using LoRaFuota.TheThingsStack.Transport;
using LoRaFuota.Testing;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;

namespace LoRaFuota.TheThingsStack.Tests;

/// <summary>The transport: the registry calls for a group, frames held to their slot or sent ahead with absolute_time, reception times, refusals.</summary>
public sealed class TtsTransportTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset s_now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReceivedAt_PrefersGpsThenGatewayThenNetworkThenApplicationServerThenNow()
    {
        var time = new FakeTimeProvider(s_now);
        using var registry = new TtsDeviceRegistryClient(ApiOptions(), new RecordingHandler());
        var transport = new TtsTransport(new TtsMqttClient(MqttOptions(1883)), registry, TransportOptions(false), time);
        DateTimeOffset gps = s_now.AddSeconds(1), gateway = s_now.AddSeconds(2), ns = s_now.AddSeconds(3), app = s_now.AddSeconds(4);

        Assert.Equal(gps, transport.ReceivedAt(Uplink(gps, gateway, ns, app)));
        Assert.Equal(gateway, transport.ReceivedAt(Uplink(null, gateway, ns, app)));
        Assert.Equal(ns, transport.ReceivedAt(Uplink(null, null, ns, app)));
        Assert.Equal(app, transport.ReceivedAt(Uplink(null, null, null, app)));
        Assert.Equal(s_now, transport.ReceivedAt(Uplink(null, null, null, null)));
        Assert.Equal((true, null, true), (transport.Capabilities.AssignsFrameCounters, transport.Capabilities.MinimumMulticastSpacing, transport.Capabilities.ReportsMulticastTransmissions));
    }

    [Fact]
    public async Task CreateGroup_WritesTheThreeRegistries_AndARefusalBecomesATransportErrorWithNothingLeftBehind()
    {
        var handler = new RecordingHandler();
        using var registry = new TtsDeviceRegistryClient(ApiOptions(), handler);
        await using var transport = new TtsTransport(new TtsMqttClient(MqttOptions(1883)), registry, TransportOptions(false), new FakeTimeProvider(s_now));

        await transport.CreateMulticastGroupAsync(Group(), CancellationToken.None);

        Assert.Equal(
            ["POST /api/v3/applications/fuota-app/devices", "PUT /api/v3/ns/applications/fuota-app/devices/lorafuota-mc-0-01abcdef", "PUT /api/v3/as/applications/fuota-app/devices/lorafuota-mc-0-01abcdef"],
            handler.Requests.Select(r => r.Line));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer NNSXS.KEY", r.Authorization));

        handler.Requests.Clear();
        handler.FailOn = "/ns/";
        FuotaTransportException ex = await Assert.ThrowsAsync<FuotaTransportException>(() => transport.CreateMulticastGroupAsync(Group(), CancellationToken.None).AsTask());
        Assert.Contains("set the Network Server session (403 Forbidden)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Check the API key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DELETE /api/v3/applications/fuota-app/devices/lorafuota-mc-0-01abcdef", handler.Requests.Select(r => r.Line)); // undone
    }

    [SkippableFact]
    public async Task MulticastFrames_AreHeldToTheirSlotWithoutGps_AndSentAheadWithAbsoluteTimeWithIt()
    {
        using Mosquitto broker = Mosquitto.Start();
        var time = new FakeTimeProvider(s_now);
        using IMqttClient server = new MqttClientFactory().CreateMqttClient();
        await server.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build()).WaitAsync(s_wait);
        var pushes = new List<string>();
        server.ApplicationMessageReceivedAsync += e =>
        {
            lock (pushes)
            {
                pushes.Add(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            }

            return Task.CompletedTask;
        };
        await server.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("v3/+/devices/+/down/push").Build());
        using var registry = new TtsDeviceRegistryClient(ApiOptions(), new RecordingHandler());
        await using var mqtt = new TtsMqttClient(MqttOptions(broker.Port));
        await mqtt.ConnectAsync().WaitAsync(s_wait);
        await using var held = new TtsTransport(mqtt, registry, TransportOptions(gps: false), time);
        await using var ahead = new TtsTransport(mqtt, registry, TransportOptions(gps: true), time);
        await held.CreateMulticastGroupAsync(Group(), CancellationToken.None);
        await ahead.CreateMulticastGroupAsync(Group(), CancellationToken.None);

        await held.SendMulticastAsync(Frame(1, s_now.AddSeconds(30)), CancellationToken.None);
        await ahead.SendMulticastAsync(Frame(2, s_now.AddSeconds(30)), CancellationToken.None);
        await Until(() => Count(pushes) == 1);
        Assert.Equal(s_now.AddSeconds(30), held.NextRelease);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.Equal(1, Count(pushes)); // still held
        time.Advance(TimeSpan.FromSeconds(1));
        await Until(() => Count(pushes) == 2);

        using JsonDocument first = JsonDocument.Parse(pushes[0]);
        using JsonDocument second = JsonDocument.Parse(pushes[1]);
        JsonElement withTime = first.RootElement.GetProperty("downlinks")[0];
        JsonElement withoutTime = second.RootElement.GetProperty("downlinks")[0];
        Assert.Equal("2026-03-02T08:00:30.000000000Z", withTime.GetProperty("class_b_c").GetProperty("absolute_time").GetString());
        Assert.False(withoutTime.GetProperty("class_b_c").TryGetProperty("absolute_time", out _));
        Assert.Equal("gw-roof", withoutTime.GetProperty("class_b_c").GetProperty("gateways")[0].GetProperty("gateway_ids").GetProperty("gateway_id").GetString());
        Assert.Equal("HIGHEST", withoutTime.GetProperty("priority").GetString());
        Assert.Null(held.NextRelease);
    }

    [Fact]
    public async Task Multicast_ToAGroupItDidNotCreate_IsATransportError()
    {
        using var registry = new TtsDeviceRegistryClient(ApiOptions(), new RecordingHandler());
        await using var transport = new TtsTransport(new TtsMqttClient(MqttOptions(1883)), registry, TransportOptions(false), new FakeTimeProvider(s_now));

        FuotaTransportException ex = await Assert.ThrowsAsync<FuotaTransportException>(() => transport.SendMulticastAsync(Frame(1, s_now), CancellationToken.None).AsTask());

        Assert.Contains("group 0 was not created", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_NameEverySettingThatCannotWork()
    {
        var transport = new TtsTransportOptions { DeviceIdPrefix = "EUI_" };
        transport.DeviceIds[DevEui.Parse("0011223344556677")] = "Not Valid";
        var api = new TtsApiOptions { BaseAddress = new Uri("https://x.example/api/v3"), ApplicationId = "x", LorawanVersion = "1.0.3" };

        ArgumentException transportError = Assert.Throws<ArgumentException>(transport.Validate);
        ArgumentException apiError = Assert.Throws<ArgumentException>(api.Validate);

        foreach (string setting in new[] { "Gateways", "DeviceIds", "DeviceIdPrefix" })
        {
            Assert.Contains(setting, transportError.Message, StringComparison.Ordinal);
        }

        foreach (string setting in new[] { "BaseAddress", "ApiKey", "ApplicationId", "FrequencyPlanId", "LorawanVersion" })
        {
            Assert.Contains(setting, apiError.Message, StringComparison.Ordinal);
        }
    }

    internal static TtsApiOptions ApiOptions() => new()
    {
        BaseAddress = new Uri("http://tts.invalid/api/v3/"), ApiKey = "NNSXS.KEY", ApplicationId = "fuota-app", FrequencyPlanId = "EU_863_870_TTN",
    };

    private static TtsMqttOptions MqttOptions(int port) => new() { Port = port, ApplicationId = "fuota-app", TenantId = "tenant1", ApiKey = "NNSXS.KEY" };

    private static TtsTransportOptions TransportOptions(bool gps)
    {
        var options = new TtsTransportOptions { AbsoluteTime = gps };
        options.Gateways.Add("gw-roof");
        return options;
    }

    private static MulticastGroupCreation Group() => new(1, 0, 0x01ABCDEF, Key128.Parse("000102030405060708090a0b0c0d0e0f"), Key128.Parse("0f0e0d0c0b0a09080706050403020100"),
        0, MulticastClass.ClassC, 3, 869_525_000, 0, [], s_now, s_now.AddHours(1));

    private static MulticastDownlink Frame(long id, DateTimeOffset at) =>
        new(id, 0, 201, new byte[] { 0x08, 0x01, 0x00, 0xAA }, (uint)id, at, at.AddHours(1), MulticastPayloadKind.DataFragment, 1, TimeSpan.FromMilliseconds(60));

    private static TtsUplink Uplink(DateTimeOffset? gps, DateTimeOffset? gateway, DateTimeOffset? ns, DateTimeOffset? app) =>
        new("eui-1", DevEui.Parse("0011223344556677"), 202, 1, new byte[] { 1 }, gps, gateway, ns, app, "as:up:1");

    private static int Count(List<string> pushes)
    {
        lock (pushes)
        {
            return pushes.Count;
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50); // bounded: 10 s at most
        }

        Assert.True(condition());
    }

    /// <summary>Answers every registry call with 200 (or 403 where told) and records it.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Line, string? Authorization)> Requests { get; } = [];

        public string? FailOn { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            Requests.Add(($"{request.Method} {path}", request.Headers.Authorization?.ToString()));
            bool fail = FailOn is not null && path.Contains(FailOn, StringComparison.Ordinal);
            return Task.FromResult(new HttpResponseMessage(fail ? HttpStatusCode.Forbidden : HttpStatusCode.OK)
            {
                Content = new StringContent(fail ? """{"code":7,"message":"error:pkg/auth/rights:no_application_rights (no rights)"}""" : "{}"),
            });
        }
    }
}

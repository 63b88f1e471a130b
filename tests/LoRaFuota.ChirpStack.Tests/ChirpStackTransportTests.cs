using System.Text;
using LoRaFuota.Campaigns;
using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Events;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Protocol.Api;
using LoRaFuota.ChirpStack.Transport;
using LoRaFuota.Hosting;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using LoRaFuota.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.ChirpStack.Tests;

/// <summary>The runner's transport over ChirpStack: multicast through gRPC, unicast and uplinks through MQTT.</summary>
public sealed class ChirpStackTransportTests : IAsyncLifetime
{
    private const string Application = "17c82e96-be03-4f38-aef3-f83d48582d97";
    private static readonly DevEui s_device = DevEui.Parse("70b3d57ed0000001");
    private static readonly Key128 s_appSKey = Key128.Parse("00112233445566778899aabbccddeeff");
    private static readonly Key128 s_nwkSKey = Key128.Parse("ffeeddccbbaa99887766554433221100");
    private readonly RecordingChirpStackApi _api = new();
    private WebApplication? _server;

    public async Task InitializeAsync()
    {
        _server = await _api.StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(0, false, 5)]
    [InlineData(3, false, 15)] // DELAY: 5 s per gateway
    [InlineData(3, true, 5)]   // GPS_TIME: one emit time for all
    public async Task Capabilities_AreChirpStacksOwnDecisions(int gateways, bool gps, int spacingSeconds)
    {
        ChirpStackTransportOptions options = Options();
        options.GpsTimeScheduling = gps;
        for (int i = 0; i < gateways; i++)
        {
            options.Gateways.Add($"0016c001ff10a23{i}");
        }

        await using var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { ApplicationId = Application });
        using ChirpStackApiClient api = Api(RecordingChirpStackApi.Token);
        var transport = new ChirpStackTransport(mqtt, api, options);

        Assert.True(transport.Capabilities.AssignsFrameCounters);
        Assert.False(transport.Capabilities.ReportsMulticastTransmissions);
        Assert.Equal(TimeSpan.FromSeconds(spacingSeconds), transport.Capabilities.MinimumMulticastSpacing);
        Assert.Equal(TimeSpan.FromSeconds(spacingSeconds), ((IFuotaTransport)transport).Capabilities.MinimumMulticastSpacing);
    }

    [Fact]
    public async Task Multicast_CreateSendDelete_MapsTheCampaignsActionsOntoTheApi()
    {
        await using var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { ApplicationId = Application });
        using ChirpStackApiClient api = Api(RecordingChirpStackApi.Token);
        ChirpStackTransportOptions options = Options();
        options.Gateways.Add("0016c001ff10a235");
        var transport = new ChirpStackTransport(mqtt, api, options);
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        await transport.CreateMulticastGroupAsync(new MulticastGroupCreation(1, 0, 0x01AB0001, s_appSKey, s_nwkSKey, 10, MulticastClass.ClassC, 5, 869_525_000, 0, [s_device, DevEui.Parse("70b3d57ed0000002")], start, start.AddHours(1)), CancellationToken.None);
        await transport.SendMulticastAsync(new MulticastDownlink(2, 0, 201, new byte[] { 0x08, 0x01, 0x00, 0xAA }, 10, start, start.AddHours(1), MulticastPayloadKind.DataFragment, 1, TimeSpan.FromMilliseconds(400)), CancellationToken.None);

        MulticastGroup group = Assert.Single(_api.Groups.Values);
        Assert.Equal(("lorafuota-0-01ab0001", Application, "01ab0001", s_appSKey.ToHexString(), 11u), (group.Name, group.ApplicationId, group.McAddr, group.McAppSKey, group.FCnt));
        Assert.Equal(["70b3d57ed0000001", "70b3d57ed0000002"], _api.Members[group.Id]);
        Assert.Equal(["0016c001ff10a235"], _api.Gateways[group.Id]);
        MulticastGroupQueueItem item = Assert.Single(_api.Queues[group.Id]);
        Assert.Equal((10u, 201u, start.AddHours(1)), (item.FCnt, item.FPort, item.ExpiresAt.ToDateTimeOffset()));

        await transport.DeleteMulticastGroupAsync(new MulticastGroupDeletion(3, 0), CancellationToken.None);
        Assert.Empty(_api.Groups);
    }

    [Fact]
    public async Task Refusals_AreTransportExceptionsTheCampaignRecords()
    {
        await using var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { ApplicationId = Application });
        using ChirpStackApiClient api = Api("wrong-token");
        var transport = new ChirpStackTransport(mqtt, api, Options());
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        FuotaTransportException refused = await Assert.ThrowsAsync<FuotaTransportException>(() => transport.CreateMulticastGroupAsync(
            new MulticastGroupCreation(1, 0, 1, s_appSKey, s_nwkSKey, 0, MulticastClass.ClassC, 5, 869_525_000, 0, [s_device], start, start.AddHours(1)), CancellationToken.None).AsTask());
        FuotaTransportException unknown = await Assert.ThrowsAsync<FuotaTransportException>(() => transport.DeleteMulticastGroupAsync(new MulticastGroupDeletion(2, 7), CancellationToken.None).AsTask());

        Assert.Contains("Unauthenticated", refused.Message, StringComparison.Ordinal);
        Assert.Contains("group 7 was not created", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceivedAt_PrefersGpsTimeThenGatewayThenServerThenEvent()
    {
        await using var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { ApplicationId = Application });
        using ChirpStackApiClient api = Api(RecordingChirpStackApi.Token);
        var transport = new ChirpStackTransport(mqtt, api, Options());
        var gateway = new DateTimeOffset(2026, 3, 2, 8, 0, 1, TimeSpan.Zero);
        var server = gateway.AddMilliseconds(30);
        ChirpStackUplink uplink = new()
        {
            DeduplicationId = "x", ApplicationId = Application, DevEui = s_device, FPort = 202, Payload = new byte[] { 1 },
            TimeSinceGpsEpoch = TimeSpan.FromSeconds(GpsTime.FromDateTimeOffset(gateway) + 0.25), GatewayTime = gateway, NetworkServerTime = server, EventTime = server.AddSeconds(1),
        };

        Assert.Equal(gateway.AddMilliseconds(250), transport.ReceivedAt(uplink));
        Assert.Equal(gateway, transport.ReceivedAt(uplink with { TimeSinceGpsEpoch = null }));
        Assert.Equal(server, transport.ReceivedAt(uplink with { TimeSinceGpsEpoch = null, GatewayTime = null }));
        Assert.Equal(server.AddSeconds(1), transport.ReceivedAt(uplink with { TimeSinceGpsEpoch = null, GatewayTime = null, NetworkServerTime = null }));
    }

    [SkippableFact]
    public async Task UnicastAndUplinks_GoThroughTheBroker()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { Port = broker.Port, ApplicationId = Application });
        await mqtt.ConnectAsync();
        using ChirpStackApiClient api = Api(RecordingChirpStackApi.Token);
        var transport = new ChirpStackTransport(mqtt, api, Options());
        using IMqttClient chirpStack = new MqttClientFactory().CreateMqttClient();
        await chirpStack.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        var command = new TaskCompletionSource<string>();
        chirpStack.ApplicationMessageReceivedAsync += e =>
        {
            command.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await chirpStack.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("application/+/device/+/command/down", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await transport.SendUnicastAsync(new UnicastDownlink(1, s_device, 200, new byte[] { 0x02, 0x00 }, "McGroupSetupReq"), CancellationToken.None);
        string body = await command.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("\"fPort\": 200", body, StringComparison.Ordinal);

        string up = $$"""{"deduplicationId": "u1", "deviceInfo": {"applicationId": "{{Application}}", "devEui": "70b3d57ed0000001"}, "fPort": 200, "data": "AgA=", "rxInfo": [{"gatewayId": "g", "nsTime": "2026-03-02T08:00:01.5+00:00"}]}""";
        await chirpStack.PublishStringAsync(ChirpStackTopics.Event(Application, s_device, "up"), up, MqttQualityOfServiceLevel.AtLeastOnce);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (DeviceUplink uplink in transport.ReadUplinksAsync(stop.Token))
        {
            Assert.Equal((s_device, (byte)200, new DateTimeOffset(2026, 3, 2, 8, 0, 1, 500, TimeSpan.Zero)), (uplink.DevEui, uplink.FPort, uplink.ReceivedAt));
            Assert.Equal(new byte[] { 0x02, 0x00 }, uplink.Payload.ToArray());
            break;
        }
    }

    private static ChirpStackTransportOptions Options() => new() { ApplicationId = Application, Region = Region.EU868 };

    private ChirpStackApiClient Api(string token) =>
        new(new ChirpStackApiOptions { Address = new Uri("http://localhost"), ApiToken = token }, _server!.GetTestServer().CreateHandler());
}

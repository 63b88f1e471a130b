using Google.Protobuf;
using LoRaFuota.ChirpStack.Events;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Protocol.Api;
using LoRaFuota.ChirpStack.Protocol.Integration;

namespace LoRaFuota.ChirpStack.Tests;

/// <summary>
/// The ChirpStack v4 integration contract on hand-written fixtures: lowerCamelCase fields with defaults left out,
/// 9-digit fractional seconds with a +00:00 offset, base64 bytes, enum names, unknown fields ignored; the protobuf
/// encoding of the same messages; and the field numbers and enum values the proto subset must keep.
/// </summary>
public sealed class ChirpStackContractTests
{
    private static readonly DevEui s_device = DevEui.Parse("70b3d57ed0000001");

    [Fact]
    public void Up_FixtureWithDefaultsLeftOut_ReadsEveryFieldTheEngineUses()
    {
        Assert.True(ChirpStackEvents.TryReadUplink(Fixture("up.json"), ChirpStackEncoding.Json, out ChirpStackUplink? up, out string? error), error);

        Assert.Equal("3a9d2f61-0c1e-4b8a-9f0e-5d7c2b1a4e60", up!.DeduplicationId);
        Assert.Equal("17c82e96-be03-4f38-aef3-f83d48582d97", up.ApplicationId);
        Assert.Equal(s_device, up.DevEui);
        Assert.Equal(202, up.FPort);
        Assert.Equal("01400200000f", Convert.ToHexStringLower(up.Payload.Span)); // AppTimeReq, from base64 "AUACAAAP"
        Assert.Equal(0u, up.FCnt); // left out of the JSON: 0
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 15, 30, TimeSpan.Zero).AddTicks(1_234_567), up.EventTime); // 9 digits, truncated to 100 ns
        Assert.Equal(TimeSpan.FromSeconds(1_456_474_548.101), up.TimeSinceGpsEpoch);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 15, 30, 101, TimeSpan.Zero), up.GatewayTime);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 15, 30, TimeSpan.Zero).AddTicks(1_180_042), up.NetworkServerTime);
        Assert.Equal([new ChirpStackReception("0016c001ff10a235", -97, 7.25f), new ChirpStackReception("0016c001ff10a299", -111, -3.5f)], up.Receptions);
    }

    [Fact]
    public void Up_SameMessageAsProtobuf_ReadsTheSame()
    {
        Assert.True(ChirpStackEvents.TryReadUplink(Fixture("up.json"), ChirpStackEncoding.Json, out ChirpStackUplink? fromJson, out _));
        UplinkEvent message = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true)).Parse<UplinkEvent>(System.Text.Encoding.UTF8.GetString(Fixture("up.json")));

        Assert.True(ChirpStackEvents.TryReadUplink(message.ToByteArray(), ChirpStackEncoding.Protobuf, out ChirpStackUplink? fromProtobuf, out string? error), error);

        Assert.Equal(fromJson! with { Payload = default, Receptions = [] }, fromProtobuf! with { Payload = default, Receptions = [] });
        Assert.Equal(fromJson.Payload.ToArray(), fromProtobuf.Payload.ToArray());
        Assert.Equal(fromJson.Receptions, fromProtobuf.Receptions);
    }

    [Theory]
    [InlineData("{\"deviceInfo\": {\"devEui\": \"70b3d57ed0000001\"}, \"fPort\": 201}", "deduplicationId")]
    [InlineData("{\"deduplicationId\": \"x\", \"fPort\": 201}", "devEui")]
    [InlineData("{\"deduplicationId\": \"x\", \"deviceInfo\": {\"devEui\": \"70b3d57e\"}}", "devEui")]
    [InlineData("{\"deduplicationId\": \"x\", \"deviceInfo\": {\"devEui\": \"70b3d57ed0000001\"}, \"fPort\": 300}", "fPort 300")]
    [InlineData("{\"deduplicationId\": 5", "not a ChirpStack UplinkEvent")]
    [InlineData("{\"deduplicationId\": \"x\", \"time\": \"yesterday\"}", "not a ChirpStack UplinkEvent")]
    public void Up_Malformed_IsRefusedWithAReason(string json, string reason)
    {
        Assert.False(ChirpStackEvents.TryReadUplink(System.Text.Encoding.UTF8.GetBytes(json), ChirpStackEncoding.Json, out ChirpStackUplink? up, out string? error));

        Assert.Null(up);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_GarbageProtobuf_IsRefusedWithAReason()
    {
        Assert.False(ChirpStackEvents.TryReadUplink([0x0A, 0xFF, 0xFF], ChirpStackEncoding.Protobuf, out _, out string? error));
        Assert.Contains("not a ChirpStack UplinkEvent", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("txack.json", "txack", ChirpStackOutcomeKind.TransmitAcknowledged, "5b2cfd51-0c52-4e1e-8f1a-b87cbb7c1f10", 12u)]
    [InlineData("ack.json", "ack", ChirpStackOutcomeKind.NotAcknowledged, "5b2cfd51-0c52-4e1e-8f1a-b87cbb7c1f10", 12u)]
    [InlineData("log.json", "log", ChirpStackOutcomeKind.Logged, "9f3c1a77-5d3b-4a8e-b0a2-1c1d6a1c2e44", null)]
    public void Outcomes_CarryTheQueueItemIdBack(string fixture, string eventName, ChirpStackOutcomeKind kind, string id, uint? fCnt)
    {
        Assert.True(ChirpStackEvents.TryReadOutcome(eventName, Fixture(fixture), ChirpStackEncoding.Json, out ChirpStackOutcome? outcome, out string? error), error);

        Assert.Equal(kind, outcome!.Kind);
        Assert.Equal(s_device, outcome.DevEui);
        Assert.Equal(id, outcome.QueueItemId);
        Assert.Equal(fCnt, outcome.FCntDown is 0 ? null : outcome.FCntDown);
    }

    [Fact]
    public void Log_ReadsLevelAndCodeByName()
    {
        ChirpStackEvents.TryReadOutcome("log", Fixture("log.json"), ChirpStackEncoding.Json, out ChirpStackOutcome? log, out _);

        Assert.Equal(("ERROR", "DOWNLINK_PAYLOAD_SIZE"), (log!.Level, log.Code));
        Assert.StartsWith("Device queue-item discarded", log.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_OtherEvent_IsNotAnOutcome()
    {
        Assert.False(ChirpStackEvents.TryReadOutcome("status", "{}"u8, ChirpStackEncoding.Json, out _, out string? error));
        Assert.Contains("not a downlink outcome", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Down_Json_HasTheCommandShapeWithDefaultsLeftOut()
    {
        var id = Guid.Parse("5b2cfd51-0c52-4e1e-8f1a-b87cbb7c1f10");

        byte[] body = ChirpStackCommands.Down(id, s_device, 200, [0x02, 0x00], ChirpStackEncoding.Json, expiresAt: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        using var json = System.Text.Json.JsonDocument.Parse(body);
        System.Text.Json.JsonElement root = json.RootElement;
        Assert.Equal("5b2cfd51-0c52-4e1e-8f1a-b87cbb7c1f10", root.GetProperty("id").GetString());
        Assert.Equal("70b3d57ed0000001", root.GetProperty("devEui").GetString()); // lowercase, as in the topic
        Assert.Equal(200, root.GetProperty("fPort").GetInt32());
        Assert.Equal("AgA=", root.GetProperty("data").GetString());
        Assert.Equal("2026-03-02T09:00:00Z", root.GetProperty("expiresAt").GetString());
        Assert.False(root.TryGetProperty("confirmed", out _)); // false is a default: left out
    }

    [Fact]
    public void Down_Protobuf_UsesTheReferenceFieldNumbers()
    {
        byte[] body = ChirpStackCommands.Down(Guid.NewGuid(), s_device, 201, [0x03, 0x00], ChirpStackEncoding.Protobuf, confirmed: true);

        DownlinkCommand command = DownlinkCommand.Parser.ParseFrom(body);
        Assert.Equal((s_device.ToString(), 201u, true), (command.DevEui, command.FPort, command.Confirmed));
        Assert.Equal((1, 2, 3, 4, 5, 7), (DownlinkCommand.IdFieldNumber, DownlinkCommand.DevEuiFieldNumber, DownlinkCommand.ConfirmedFieldNumber,
            DownlinkCommand.FPortFieldNumber, DownlinkCommand.DataFieldNumber, DownlinkCommand.ExpiresAtFieldNumber));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(224)]
    public void Down_NotAnApplicationPort_Throws(byte port) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChirpStackCommands.Down(Guid.NewGuid(), s_device, port, [1], ChirpStackEncoding.Json));

    [Fact]
    public void Down_WithoutAnId_Throws() =>
        Assert.Throws<ArgumentException>(() => ChirpStackCommands.Down(Guid.Empty, s_device, 200, [1], ChirpStackEncoding.Json));

    [Fact]
    public void ProtoSubset_KeepsTheReferenceNumbersAndTheEnumTrap()
    {
        Assert.Equal(0, (int)MulticastGroupType.ClassC); // CLASS_C = 0 in ChirpStack's API (chirpstack-fuota-server has it reversed)
        Assert.Equal(1, (int)MulticastGroupType.ClassB);
        Assert.Equal(1, (int)MulticastGroupSchedulingType.GpsTime);
        Assert.Equal(2, (int)Protocol.Common.Region.Us915); // 1 is unused
        Assert.Equal(14, (int)Protocol.Common.Region.As9234);
        Assert.Equal((5, 6, 7, 8, 9, 10, 11, 13, 14), (MulticastGroup.McAddrFieldNumber, MulticastGroup.McNwkSKeyFieldNumber, MulticastGroup.McAppSKeyFieldNumber,
            MulticastGroup.FCntFieldNumber, MulticastGroup.GroupTypeFieldNumber, MulticastGroup.DrFieldNumber, MulticastGroup.FrequencyFieldNumber,
            MulticastGroup.ClassCSchedulingTypeFieldNumber, MulticastGroup.ClassBPingSlotPeriodicityFieldNumber));
        Assert.Equal((1, 2, 3, 4, 5), (MulticastGroupQueueItem.MulticastGroupIdFieldNumber, MulticastGroupQueueItem.FCntFieldNumber,
            MulticastGroupQueueItem.FPortFieldNumber, MulticastGroupQueueItem.DataFieldNumber, MulticastGroupQueueItem.ExpiresAtFieldNumber));
        Assert.Equal((8, 10, 12, 16), (UplinkEvent.FPortFieldNumber, UplinkEvent.DataFieldNumber, UplinkEvent.RxInfoFieldNumber, UplinkEvent.RegionConfigIdFieldNumber));
        Assert.Equal("/api.MulticastGroupService/Enqueue", MulticastGroupService.Descriptor.FindMethodByName("Enqueue").FullName.Replace("api.MulticastGroupService.", "/api.MulticastGroupService/", StringComparison.Ordinal));
        Assert.Equal(11, (int)LogCode.Expired);
    }

    [Theory]
    [InlineData("application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0000001/event/up", true, "up")]
    [InlineData("application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0000001/event/txack", true, "txack")]
    [InlineData("application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0000001/command/down", false, "")]
    [InlineData("application/x/device/70b3d57e/event/up", false, "")]
    [InlineData("v3/app1@tenant1/devices/dev1/up", false, "")]
    public void Topics_EventTopicsParse(string topic, bool parses, string eventName)
    {
        Assert.Equal(parses, ChirpStackTopics.TryParseEvent(topic, out string application, out DevEui eui, out string name));
        if (parses)
        {
            Assert.Equal(("17c82e96-be03-4f38-aef3-f83d48582d97", s_device, eventName), (application, eui, name));
            Assert.Equal(topic, ChirpStackTopics.Event(application, eui, name));
        }
    }

    [Fact]
    public void Topics_SharedSubscriptionAndDown()
    {
        Assert.Equal("$share/lorafuota/application/app/device/+/event/+", ChirpStackTopics.Events("app", "lorafuota"));
        Assert.Equal("application/app/device/+/event/+", ChirpStackTopics.Events("app"));
        Assert.Equal("application/app/device/70b3d57ed0000001/command/down", ChirpStackTopics.Down("app", s_device));
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}

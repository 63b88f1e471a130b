using System.Text;
using LoRaFuota.TheThingsStack.Messages;
using LoRaFuota.TheThingsStack.Mqtt;

namespace LoRaFuota.TheThingsStack.Tests;

/// <summary>
/// The Things Stack's JSON as hand-written fixtures in its exact shapes (proto names, defaults omitted, 9 fractional
/// digits, base64 payloads, enum strings, 64-bit numbers as strings), read and written by the adapter.
/// </summary>
public sealed class TtsContractTests
{
    [Fact]
    public void Uplink_Fixture_ReadsEveryFieldTheEngineUses()
    {
        Assert.True(TtsMessages.TryReadUplink(Fixture("up.json"), out TtsUplink? up, out string? error), error);

        Assert.Equal("eui-70b3d57ed0000001", up!.DeviceId);
        Assert.Equal(DevEui.Parse("70b3d57ed0000001"), up.DevEui);
        Assert.Equal((202, 42u), (up.FPort, up.FCnt));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, up.Payload.ToArray());
        Assert.Equal(Time("2026-03-02T08:15:30.4999981Z"), up.GpsTime); // 9 digits cut to .NET's 7
        Assert.Equal(Time("2026-03-02T08:15:30.499999Z"), up.GatewayTime); // the earliest gateway
        Assert.Equal(Time("2026-03-02T08:15:30.7000000Z"), up.NetworkReceivedAt);
        Assert.Equal(Time("2026-03-02T08:15:30.9876543Z"), up.ReceivedAt);
        Assert.Equal("as:up:01HQ3F4N5P6Q7R8S9T0V1W2X3Y", up.UplinkId);
    }

    [Fact]
    public void Uplink_WithEveryDefaultOmitted_ReadsZerosAndFallsBackToSessionAndCounterForItsId()
    {
        Assert.True(TtsMessages.TryReadUplink(Fixture("up-minimal.json"), out TtsUplink? up, out string? error), error);

        Assert.Equal((0, 0u, 0), (up!.FPort, up.FCnt, up.Payload.Length));
        Assert.Null(up.GpsTime);
        Assert.Null(up.GatewayTime);
        Assert.Null(up.NetworkReceivedAt);
        Assert.Equal(Time("2026-03-02T08:20:00Z"), up.ReceivedAt);
        Assert.Equal("dev-a//0", up.UplinkId);
    }

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"uplink_message\":{}}", "no end_device_ids.device_id")]
    [InlineData("{\"end_device_ids\":{\"device_id\":\"d\"}}", "no uplink_message")]
    [InlineData("{\"end_device_ids\":{\"device_id\":\"d\",\"dev_eui\":\"XYZ\"},\"uplink_message\":{}}", "dev_eui")]
    [InlineData("{\"end_device_ids\":{\"device_id\":\"d\"},\"uplink_message\":{\"f_port\":300}}", "f_port")]
    [InlineData("{\"end_device_ids\":{\"device_id\":\"d\"},\"uplink_message\":{\"f_port\":\"x\"}}", "f_port")]
    [InlineData("{\"end_device_ids\":{\"device_id\":\"d\"},\"uplink_message\":{\"frm_payload\":\"***\"}}", "base64")]
    public void Uplink_ThatCannotBeUsed_IsAnErrorTextNeverAnException(string json, string expected)
    {
        Assert.False(TtsMessages.TryReadUplink(Encoding.UTF8.GetBytes(json), out TtsUplink? up, out string? error));

        Assert.Null(up);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_WithInvalidUtf8InAString_AreAnErrorTextNeverAnException() // found by the network-server-events fuzz target
    {
        byte[] json = [.. Encoding.UTF8.GetBytes("{\"end_device_ids\":{\"device_id\":\"eui-"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"},\"uplink_message\":{},\"downlink_sent\":{}}")];

        Assert.False(TtsMessages.TryReadUplink(json, out _, out string? upError));
        Assert.False(TtsMessages.TryReadDownlinkEvent(TtsDownlinkEventKind.Sent, json, out _, out string? eventError));

        Assert.Equal("a string is not valid UTF-8", upError);
        Assert.Equal("a string is not valid UTF-8", eventError);
    }

    [Fact]
    public void DownlinkEvents_Fixtures_CarryTheEnginesCorrelationIdCounterAndError()
    {
        Assert.True(TtsMessages.TryReadDownlinkEvent(TtsDownlinkEventKind.Queued, Fixture("down-queued.json"), out TtsDownlinkEvent? queued, out _));
        Assert.True(TtsMessages.TryReadDownlinkEvent(TtsDownlinkEventKind.Sent, Fixture("down-sent.json"), out TtsDownlinkEvent? sent, out _));
        Assert.True(TtsMessages.TryReadDownlinkEvent(TtsDownlinkEventKind.Failed, Fixture("down-failed.json"), out TtsDownlinkEvent? failed, out _));
        Assert.True(TtsMessages.TryReadDownlinkEvent(TtsDownlinkEventKind.Ack, Fixture("down-ack.json"), out TtsDownlinkEvent? ack, out _));

        Assert.Equal(("lorafuota-mc-0-01abcdef", 17u), (queued!.DeviceId, queued.FCnt));
        Assert.Contains("lorafuota:down:1234", queued.CorrelationIds);
        Assert.Equal(17u, sent!.FCnt);
        Assert.Contains("lorafuota:down:1235", failed!.CorrelationIds); // from the failed downlink inside
        Assert.Null(failed.FCnt);
        Assert.Equal("too_late: too late to transmit scheduled time", failed.Error);
        Assert.Equal((TtsDownlinkEventKind.Ack, 3u), (ack!.Kind, ack.FCnt));
        Assert.False(TtsMessages.TryReadDownlinkEvent(TtsDownlinkEventKind.Sent, Fixture("down-queued.json"), out _, out string? error));
        Assert.Equal("no downlink_sent", error);
    }

    [Fact]
    public void Push_WritesProtoJsonWithEnumStringsBase64AndClassBC()
    {
        byte[] json = TtsMessages.Push(
        [
            new TtsDownlink { FPort = 200, Payload = new byte[] { 0x02, 0x00 }, CorrelationIds = ["lorafuota:down:1"] },
            new TtsDownlink
            {
                FPort = 201, Payload = new byte[] { 0x08, 0x01, 0x00 }, Priority = TtsPriority.Highest, Gateways = ["gw-roof", "gw-hill"],
                AbsoluteTime = Time("2026-03-02T08:31:00.1234567Z"),
            },
        ]);

        Assert.Equal(
            """{"downlinks":[{"f_port":200,"frm_payload":"AgA=","priority":"HIGH","correlation_ids":["lorafuota:down:1"]},"""
            + """{"f_port":201,"frm_payload":"CAEA","priority":"HIGHEST","class_b_c":{"gateways":[{"gateway_ids":{"gateway_id":"gw-roof"}},{"gateway_ids":{"gateway_id":"gw-hill"}}],"absolute_time":"2026-03-02T08:31:00.123456700Z"}}]}""",
            Encoding.UTF8.GetString(json));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(234)]
    public void Push_OutsideTheSchedulablePorts_SaysWhichPortsTheServerTakes(byte port)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => TtsMessages.Push([new TtsDownlink { FPort = port, Payload = new byte[] { 1 } }]));

        Assert.Contains("1 to 233", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PriorityNames_AreTheServersEnumStrings()
    {
        Assert.Equal(
            ["LOWEST", "LOW", "BELOW_NORMAL", "NORMAL", "ABOVE_NORMAL", "HIGH", "HIGHEST"],
            Enum.GetValues<TtsPriority>().Select(TtsMessages.PriorityName).ToArray());
        Assert.Equal(5, (int)TtsPriority.High); // TxSchedulePriority numbering
    }

    [Theory]
    [InlineData("2026-03-02T08:15:30Z", "2026-03-02T08:15:30.0000000Z")]
    [InlineData("2026-03-02T08:15:30.1Z", "2026-03-02T08:15:30.1000000Z")]
    [InlineData("2026-03-02T08:15:30.123456789Z", "2026-03-02T08:15:30.1234567Z")]
    [InlineData("2026-03-02T10:15:30.5+02:00", "2026-03-02T08:15:30.5000000Z")]
    public void Times_WithAnyNumberOfFractionalDigits_AreRead(string text, string expected)
    {
        Assert.True(TtsMessages.TryParseTime(text, out DateTimeOffset time));

        Assert.Equal(Time(expected), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-02T08:15:30Z")]
    public void Times_ThatAreNotTimes_AreRefused(string? text) => Assert.False(TtsMessages.TryParseTime(text, out _));

    [Fact]
    public void Topics_FollowTheV3Layout()
    {
        string uid = TtsTopics.ApplicationUid("fuota-app", "tenant1");

        Assert.Equal("fuota-app@tenant1", uid);
        Assert.Equal("fuota-app", TtsTopics.ApplicationUid("fuota-app", null));
        Assert.Equal("v3/fuota-app@tenant1/devices/dev-1/up", TtsTopics.Uplink(uid, "dev-1"));
        Assert.Equal("v3/fuota-app@tenant1/devices/dev-1/down/push", TtsTopics.Push(uid, "dev-1"));
        Assert.Equal("v3/fuota-app@tenant1/devices/dev-1/down/replace", TtsTopics.Replace(uid, "dev-1"));
        Assert.Equal("v3/fuota-app@tenant1/devices/dev-1/down/failed", TtsTopics.DownlinkEvent(uid, "dev-1", TtsDownlinkEventKind.Failed));
        Assert.Equal("v3/fuota-app@tenant1/devices/+/up", TtsTopics.Uplinks(uid));
        Assert.Equal("v3/fuota-app@tenant1/devices/+/down/+", TtsTopics.DownlinkEvents(uid));
        Assert.True(TtsTopics.TryParse("v3/fuota-app@tenant1/devices/dev-1/down/sent", out string app, out string dev, out string suffix));
        Assert.Equal(("fuota-app@tenant1", "dev-1", "down/sent"), (app, dev, suffix));
        Assert.False(TtsTopics.TryParse("application/x/device/y/event/up", out _, out _, out _));
        Assert.False(TtsTopics.TryParse("v3/app/devices//up", out _, out _, out _));
    }

    [Theory]
    [InlineData("fuota-app", true)]
    [InlineData("a1", true)]
    [InlineData("a", false)]
    [InlineData("-app", false)]
    [InlineData("app-", false)]
    [InlineData("my--app", false)]
    [InlineData("My-App", false)]
    [InlineData("app/1", false)]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefg", false)] // 37 characters
    public void Identifiers_FollowTheServersRule(string id, bool valid) => Assert.Equal(valid, TtsTopics.IsIdentifier(id));

    internal static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

using System.Text.Json;
using LoRaFuota.Planning;
using LoRaFuota.TheThingsStack.Registry;

namespace LoRaFuota.TheThingsStack.Tests;

/// <summary>The registry writes in The Things Stack's JSON: ids, enum names, hex keys, strings for frequencies, and a field mask naming exactly what is set.</summary>
public sealed class TtsRegistryRequestsTests
{
    private static readonly TtsMulticastDevice s_classC = new()
    {
        DeviceId = "lorafuota-mc-0-01abcdef", McAddr = 0x01ABCDEF, McAppSKey = Key128.Parse("000102030405060708090a0b0c0d0e0f"),
        McNwkSKey = Key128.Parse("0f0e0d0c0b0a09080706050403020100"), DataRate = 3, FrequencyHz = 869_525_000,
    };

    [Fact]
    public void NetworkServer_ClassC_IsAMulticastAbpSessionWithRx2Settings()
    {
        using JsonDocument json = JsonDocument.Parse(TtsRegistryRequests.NetworkServer(TtsTransportTests.ApiOptions(), s_classC));
        JsonElement device = json.RootElement.GetProperty("end_device");

        Assert.Equal("lorafuota-mc-0-01abcdef", device.GetProperty("ids").GetProperty("device_id").GetString());
        Assert.Equal("fuota-app", device.GetProperty("ids").GetProperty("application_ids").GetProperty("application_id").GetString());
        Assert.True(device.GetProperty("multicast").GetBoolean());
        Assert.False(device.GetProperty("supports_join").GetBoolean());
        Assert.True(device.GetProperty("supports_class_c").GetBoolean());
        Assert.Equal("MAC_V1_0_3", device.GetProperty("lorawan_version").GetString());
        Assert.Equal("01ABCDEF", device.GetProperty("session").GetProperty("dev_addr").GetString());
        Assert.Equal("0F0E0D0C0B0A09080706050403020100", device.GetProperty("session").GetProperty("keys").GetProperty("f_nwk_s_int_key").GetProperty("key").GetString());
        Assert.Equal("DATA_RATE_3", device.GetProperty("mac_settings").GetProperty("rx2_data_rate_index").GetProperty("value").GetString());
        Assert.Equal("869525000", device.GetProperty("mac_settings").GetProperty("rx2_frequency").GetProperty("value").GetString());
        Assert.Equal(
            ["multicast", "supports_join", "lorawan_version", "lorawan_phy_version", "frequency_plan_id", "supports_class_c", "session.dev_addr", "session.keys.f_nwk_s_int_key.key", "mac_settings.rx2_data_rate_index", "mac_settings.rx2_frequency"],
            Paths(json));
    }

    [Fact]
    public void NetworkServer_ClassB_WithAFirstCounter_SetsPingSlotsAndTheLastCounter()
    {
        TtsMulticastDevice classB = s_classC with { Class = MulticastClass.ClassB, Periodicity = 4, FirstFCnt = 100 };

        using JsonDocument json = JsonDocument.Parse(TtsRegistryRequests.NetworkServer(TtsTransportTests.ApiOptions(), classB));
        JsonElement device = json.RootElement.GetProperty("end_device");

        Assert.True(device.GetProperty("supports_class_b").GetBoolean());
        Assert.Equal("PING_EVERY_16S", device.GetProperty("mac_settings").GetProperty("ping_slot_periodicity").GetProperty("value").GetString());
        Assert.Equal(99, device.GetProperty("session").GetProperty("last_n_f_cnt_down").GetInt32());
        Assert.Contains("session.last_n_f_cnt_down", Paths(json));
        Assert.Contains("mac_settings.ping_slot_frequency", Paths(json));
        Assert.DoesNotContain("mac_settings.rx2_frequency", Paths(json));
    }

    [Fact]
    public void ApplicationServer_CarriesOnlyTheApplicationSessionKey_AndIdentityServerNoKeys()
    {
        using JsonDocument app = JsonDocument.Parse(TtsRegistryRequests.ApplicationServer(TtsTransportTests.ApiOptions(), s_classC));
        byte[] identity = TtsRegistryRequests.IdentityServer(TtsTransportTests.ApiOptions(), s_classC, "eu1.example");

        Assert.Equal("000102030405060708090A0B0C0D0E0F", app.RootElement.GetProperty("end_device").GetProperty("session").GetProperty("keys").GetProperty("app_s_key").GetProperty("key").GetString());
        Assert.Equal(["session.dev_addr", "session.keys.app_s_key.key"], Paths(app));
        string text = System.Text.Encoding.UTF8.GetString(identity);
        Assert.DoesNotContain("0F0E0D0C", text, StringComparison.Ordinal);
        Assert.DoesNotContain("00010203", text, StringComparison.Ordinal);
        Assert.Contains("\"network_server_address\":\"eu1.example\"", text, StringComparison.Ordinal);
    }

    private static string[] Paths(JsonDocument json) =>
        [.. json.RootElement.GetProperty("field_mask").GetProperty("paths").EnumerateArray().Select(p => p.GetString()!)];
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using LoRaFuota.Planning;

namespace LoRaFuota.TheThingsStack.Registry;

/// <summary>
/// The three registry writes that make a multicast pseudo-device (Identity Server entry, Network Server session and MAC
/// settings, Application Server session key), in The Things Stack's JSON: proto names, enum names, 64-bit integers and
/// frequencies as strings, keys and addresses as upper-case hex, and a field mask naming what is set.
/// </summary>
internal static class TtsRegistryRequests
{
    public static byte[] IdentityServer(TtsApiOptions options, TtsMulticastDevice device, string serverAddress) => Write(options, device, (writer, paths) =>
    {
        writer.WriteString("name", "LoRaFuota multicast " + device.McAddr.ToString("X8", CultureInfo.InvariantCulture));
        writer.WriteString("network_server_address", serverAddress);
        writer.WriteString("application_server_address", serverAddress);
        paths.AddRange(["name", "network_server_address", "application_server_address"]);
    });

    public static byte[] NetworkServer(TtsApiOptions options, TtsMulticastDevice device) => Write(options, device, (writer, paths) =>
    {
        writer.WriteBoolean("multicast", true);
        writer.WriteBoolean("supports_join", false);
        writer.WriteString("lorawan_version", options.LorawanVersion);
        writer.WriteString("lorawan_phy_version", options.LorawanPhyVersion);
        writer.WriteString("frequency_plan_id", options.FrequencyPlanId);
        bool classB = device.Class == MulticastClass.ClassB;
        writer.WriteBoolean(classB ? "supports_class_b" : "supports_class_c", true);
        writer.WriteStartObject("session");
        writer.WriteString("dev_addr", Hex(device.McAddr));
        writer.WriteStartObject("keys");
        writer.WriteStartObject("f_nwk_s_int_key");
        writer.WriteString("key", device.McNwkSKey.ToHexString().ToUpperInvariant());
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (device.FirstFCnt > 0)
        {
            writer.WriteNumber("last_n_f_cnt_down", device.FirstFCnt - 1);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("mac_settings");
        if (classB)
        {
            WriteValue(writer, "ping_slot_periodicity", "PING_EVERY_" + (1 << device.Periodicity).ToString(CultureInfo.InvariantCulture) + "S");
            WriteValue(writer, "ping_slot_data_rate_index", DataRate(device.DataRate));
            WriteValue(writer, "ping_slot_frequency", device.FrequencyHz.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            WriteValue(writer, "rx2_data_rate_index", DataRate(device.DataRate));
            WriteValue(writer, "rx2_frequency", device.FrequencyHz.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
        paths.AddRange(["multicast", "supports_join", "lorawan_version", "lorawan_phy_version", "frequency_plan_id", classB ? "supports_class_b" : "supports_class_c",
            "session.dev_addr", "session.keys.f_nwk_s_int_key.key"]);
        if (device.FirstFCnt > 0)
        {
            paths.Add("session.last_n_f_cnt_down");
        }

        paths.AddRange(classB
            ? ["mac_settings.ping_slot_periodicity", "mac_settings.ping_slot_data_rate_index", "mac_settings.ping_slot_frequency"]
            : ["mac_settings.rx2_data_rate_index", "mac_settings.rx2_frequency"]);
    });

    public static byte[] ApplicationServer(TtsApiOptions options, TtsMulticastDevice device) => Write(options, device, (writer, paths) =>
    {
        writer.WriteStartObject("session");
        writer.WriteString("dev_addr", Hex(device.McAddr));
        writer.WriteStartObject("keys");
        writer.WriteStartObject("app_s_key");
        writer.WriteString("key", device.McAppSKey.ToHexString().ToUpperInvariant());
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (device.FirstFCnt > 0)
        {
            writer.WriteNumber("last_a_f_cnt_down", device.FirstFCnt - 1);
        }

        writer.WriteEndObject();
        paths.AddRange(device.FirstFCnt > 0
            ? ["session.dev_addr", "session.keys.app_s_key.key", "session.last_a_f_cnt_down"]
            : ["session.dev_addr", "session.keys.app_s_key.key"]);
    });

    private static string DataRate(int index) => "DATA_RATE_" + index.ToString(CultureInfo.InvariantCulture);

    private static string Hex(uint value) => value.ToString("X8", CultureInfo.InvariantCulture);

    private static void WriteValue(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject(name);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }

    private static byte[] Write(TtsApiOptions options, TtsMulticastDevice device, Action<Utf8JsonWriter, List<string>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var paths = new List<string>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("end_device");
            writer.WriteStartObject("ids");
            writer.WriteString("device_id", device.DeviceId);
            writer.WriteStartObject("application_ids");
            writer.WriteString("application_id", options.ApplicationId);
            writer.WriteEndObject();
            writer.WriteEndObject();
            fields(writer, paths);
            writer.WriteEndObject();
            writer.WriteStartObject("field_mask");
            writer.WriteStartArray("paths");
            foreach (string path in paths)
            {
                writer.WriteStringValue(path);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

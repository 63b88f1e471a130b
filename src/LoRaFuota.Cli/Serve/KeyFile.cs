using System.Text.Json;
using LoRaFuota.Campaigns;

namespace LoRaFuota.Cli.Serve;

/// <summary>The devices' root keys file (<c>{"devices": [{"dev_eui", "gen_app_key"}]}</c>, as <c>emulate --keys</c> writes it).</summary>
internal static class KeyFile
{
    public static DeviceKeyStore Read(string path)
    {
        var keys = new DeviceKeyStore();
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            int index = 0;
            foreach (JsonElement device in document.RootElement.GetProperty("devices").EnumerateArray())
            {
                if (!DevEui.TryParse(device.GetProperty("dev_eui").GetString(), out DevEui eui) || !Key128.TryParse(device.GetProperty("gen_app_key").GetString(), out Key128 key))
                {
                    throw new CliUsageException($"{Path.GetFileName(path)}: devices[{index}] needs dev_eui (16 hex digits) and gen_app_key (32 hex digits).");
                }

                keys.Add(eui, RootKeyKind.GenAppKey, key);
                index++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {Path.GetFileName(path)}: {ex.Message}");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliUsageException($"{Path.GetFileName(path)} is not a keys file ({{\"devices\": [{{\"dev_eui\", \"gen_app_key\"}}]}}).");
        }

        return keys;
    }
}

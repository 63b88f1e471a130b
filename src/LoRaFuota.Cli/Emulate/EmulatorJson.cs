using System.Globalization;
using System.Text.Json;
using LoRaFuota.Emulation;
using LoRaFuota.Emulation.Standalone;
using LoRaFuota.Emulation.TheThingsStack;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Devices;

namespace LoRaFuota.Cli.Emulate;

/// <summary>What <c>lorafuota emulate</c> prints (one JSON object per line) and its keys file.</summary>
internal static class EmulatorJson
{
    /// <summary>The line printed once the emulator listens: where to point an integration. No secrets.</summary>
    public static string Ready(EmulatorHost host, EmulatorHostOptions options, RegionalParameters region, SimulatedFleet fleet, TimeProvider clock) =>
        CliJson.Object(w =>
        {
            w.WriteString("event", "ready");
            w.WriteString("network_server", options.Dialect == LoRaFuota.Emulation.DryRun.NetworkServerDialect.ChirpStack ? "chirpstack" : "tts");
            w.WriteString("broker", string.Create(CultureInfo.InvariantCulture, $"mqtt://{options.BrokerHost}:{options.BrokerPort}"));
            w.WriteString("api", host.ApiAddress.ToString());
            w.WriteString("application_id", host.ApplicationId);
            w.WriteString("region", region.Name);
            w.WriteString("clock", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("time_scale", clock is LoRaFuota.Simulation.Time.ScaledTimeProvider scaled ? scaled.Scale : 1);
            w.WriteStartArray("devices");
            foreach (VirtualDevice device in fleet.Devices)
            {
                w.WriteStartObject();
                w.WriteString("dev_eui", device.DevEui.ToString());
                if (host.Emulator is TtsEmulator tts)
                {
                    w.WriteString("device_id", tts.DeviceId(device.DevEui));
                }

                w.WriteNumber("uplink_interval_s", device.Options.UplinkInterval.TotalSeconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    /// <summary>The line printed when the emulator stopped: what it did and where each device ended.</summary>
    public static string Stopped(NetworkServerEmulator emulator) =>
        CliJson.Object(w =>
        {
            w.WriteString("event", "stopped");
            w.WriteNumber("uplinks", emulator.EventsEmitted);
            w.WriteNumber("commands", emulator.CommandsHandled);
            w.WriteStartArray("dropped");
            foreach (string line in emulator.Dropped)
            {
                w.WriteStringValue(line);
            }

            w.WriteEndArray();
            w.WriteStartArray("devices");
            foreach (VirtualDevice device in emulator.Network.Devices)
            {
                w.WriteStartObject();
                w.WriteString("dev_eui", device.DevEui.ToString());
                w.WriteString("firmware_version", device.RunningVersion);
                w.WriteString("installed_sha256", device.InstalledSha256);
                w.WriteNumber("fragments_received", device.FragmentsReceived);
                w.WriteNumber("uplinks_sent", device.UplinksSent);
                w.WriteNumber("integrity_failures", device.IntegrityFailures);
                w.WriteNumber("reboots", device.Reboots);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    /// <summary>Writes the devices' root keys for the user's integration (a file they asked for; never printed or logged).</summary>
    public static void WriteKeys(FileInfo file, SimulatedFleet fleet)
    {
        string json = CliJson.Object(w =>
        {
            w.WriteStartArray("devices");
            foreach (VirtualDevice device in fleet.Devices)
            {
                w.WriteStartObject();
                w.WriteString("dev_eui", device.DevEui.ToString());
                w.WriteString("gen_app_key", device.Options.RootKey.ToHexString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        try
        {
            File.WriteAllText(file.FullName, json + Environment.NewLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write {file.Name}: {ex.Message}");
        }
    }
}

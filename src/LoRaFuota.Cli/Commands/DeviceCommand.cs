using System.CommandLine;
using System.Text.Json;
using LoRaFuota.Cli.Client;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota device</c>: the service's device registry (groups for package assignments).</summary>
internal static class DeviceCommand
{
    public static Command Create(CliContext context) =>
        new("device", "Register devices on a running service, in groups that package assignments target.")
        {
            Register(context),
            List(context),
        };

    private static Command Register(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = ServiceClient.Options();
        var fleet = new Option<FileInfo>("--fleet") { Description = "The devices: a fleet file (the simulate schema; dev_eui, uplink_interval_s and firmware_version are used).", Required = true };
        var group = new Option<string?>("--group") { Description = "The group (profile) the devices belong to." };
        var region = new Option<string?>("--region") { Description = "The region the devices work in (default: the assignment's)." };
        var command = new Command("register", "Register (or re-register) every device of a fleet file; prints the registrations (JSON array).") { server, apiKey, fleet, group, region };
        command.SetAction(result =>
        {
            IReadOnlyList<FleetDevice> devices = CliFiles.ReadFleet(result.GetValue(fleet)!);
            using var client = new ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            var registered = new List<JsonElement>();
            foreach (FleetDevice device in devices)
            {
                string body = CliJson.Object(w =>
                {
                    Nullable(w, "group", result.GetValue(group));
                    w.WriteNumber("uplink_interval_s", device.UplinkIntervalSeconds);
                    Nullable(w, "firmware_version", device.FirmwareVersion);
                    Nullable(w, "region", result.GetValue(region));
                });
                using StringContent content = ServiceClient.Json(body);
                registered.Add(client.Send(HttpMethod.Put, $"/api/devices/{device.DevEui}", content));
            }

            context.Output.WriteLine(CliJson.Array(registered));
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = ServiceClient.Options();
        var command = new Command("list", "List the registered devices: group, installed version, running campaign and the assignment that applies (JSON array).") { server, apiKey };
        command.SetAction(result =>
        {
            using var client = new ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            context.Output.WriteLine(client.Get("/api/devices").GetRawText());
            return 0;
        });
        return command;
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}

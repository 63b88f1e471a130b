using System.CommandLine;
using System.Text.Json;
using LoRaFuota.Cli.Client;
using LoRaFuota.Simulation;
using Spectre.Console;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota campaign</c>: create, list, follow and cancel campaigns on a running service.</summary>
internal static class CampaignCommand
{
    public static Command Create(CliContext context) =>
        new("campaign", "Create, list, follow and cancel campaigns on a running service (lorafuota serve).")
        {
            CreateCampaign(context),
            List(context),
            Status(context, "status", "A campaign's report: state (running, completed, cancelled) and the simulate report's fields."),
            Status(context, "cancel", "Cancel a running campaign; prints its report."),
            Watch(context),
        };

    private static Command CreateCampaign(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = ServiceClient.Options();
        var package = new Option<string>("--package") { Description = "The package id (from package upload).", Required = true };
        var fleet = new Option<FileInfo>("--fleet") { Description = "The devices: a fleet file (the simulate schema; dev_eui, uplink_interval_s and firmware_version are used).", Required = true };
        var parameters = new CampaignParameterOptions();
        var name = new Option<string?>("--name") { Description = "The campaign's name (default: the package's title and version)." };
        var command = new Command("create", "Create a campaign from a package, a fleet and parameters; prints its report (with id).")
        {
            server, apiKey, package, fleet, name,
        };
        parameters.AddTo(command);
        command.SetAction(result =>
        {
            IReadOnlyList<FleetDevice> devices = CliFiles.ReadFleet(result.GetValue(fleet)!);
            string body = CliJson.Object(w =>
            {
                if (result.GetValue(name) is string text)
                {
                    w.WriteString("name", text);
                }

                w.WriteString("package_id", result.GetValue(package));
                w.WriteStartArray("devices");
                foreach (FleetDevice device in devices)
                {
                    w.WriteStartObject();
                    w.WriteString("dev_eui", device.DevEui.ToString());
                    w.WriteNumber("uplink_interval_s", device.UplinkIntervalSeconds);
                    w.WriteString("firmware_version", device.FirmwareVersion);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                parameters.Write(result, w);
            });
            if (!Guid.TryParse(result.GetValue(package), out _))
            {
                throw new CliUsageException($"--package '{result.GetValue(package)}' is not a package id (a GUID, as package upload prints).");
            }

            using var client = new ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            using StringContent content = ServiceClient.Json(body);
            context.Output.WriteLine(client.Send(HttpMethod.Post, "/api/campaigns", content).GetRawText());
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = ServiceClient.Options();
        var command = new Command("list", "List the campaigns (JSON array, newest first).") { server, apiKey };
        command.SetAction(result =>
        {
            using var client = new ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            context.Output.WriteLine(client.Get("/api/campaigns").GetRawText());
            return 0;
        });
        return command;
    }

    private static Command Status(CliContext context, string verb, string description)
    {
        (Option<string> server, Option<string> apiKey) = ServiceClient.Options();
        var id = new Argument<string>("id") { Description = "The campaign id." };
        Option<string> format = CliOptions.Choice<string>("--format", "Output: text or json.", "text", "json");
        format.Required = false;
        format.DefaultValueFactory = _ => "text";
        var command = new Command(verb, description) { server, apiKey, id, format };
        command.SetAction(result =>
        {
            string campaign = CampaignId(result.GetValue(id));
            using var client = new ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            JsonElement report = verb == "cancel" ? client.Send(HttpMethod.Post, $"/api/campaigns/{campaign}/cancel", null) : client.Get($"/api/campaigns/{campaign}");
            context.Output.WriteLine(result.GetValue(format) == "json" ? report.GetRawText() : Summary(report));
            return 0;
        });
        return command;
    }

    private static Command Watch(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = ServiceClient.Options();
        var id = new Argument<string>("id") { Description = "The campaign id." };
        var command = new Command("watch", "Follow a campaign live to its end (a progress bar on a terminal, one line per change otherwise).") { server, apiKey, id };
        command.SetAction(result =>
        {
            string campaign = CampaignId(result.GetValue(id));
            using var client = new ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            JsonElement last = client.Get($"/api/campaigns/{campaign}");
            if (context.Interactive)
            {
                AnsiConsole.Console.Profile.Out = new AnsiConsoleOutput(Console.Error);
                AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(progress =>
                {
                    ProgressTask task = progress.AddTask(last.GetProperty("name").GetString()!, maxValue: last.GetProperty("devices").GetInt32());
                    Task.Run(() => client.FollowAsync($"/api/campaigns/{campaign}/progress", report =>
                    {
                        last = report;
                        task.Value = report.GetProperty("updated").GetInt32() + report.GetProperty("failed").GetInt32();
                        task.Description = $"{report.GetProperty("name").GetString()} ({report.GetProperty("state").GetString()})";
                    }, context.Stop)).GetAwaiter().GetResult();
                });
            }
            else
            {
                Task.Run(() => client.FollowAsync($"/api/campaigns/{campaign}/progress", report =>
                {
                    last = report;
                    context.Output.WriteLine(Summary(report));
                    context.Output.Flush();
                }, context.Stop)).GetAwaiter().GetResult();
            }

            context.Output.WriteLine(Summary(last));
            return 0;
        });
        return command;
    }

    private static string CampaignId(string? text) =>
        Guid.TryParse(text, out Guid id) ? id.ToString("D") : throw new CliUsageException($"'{text}' is not a campaign id (a GUID, as campaign create prints).");

    private static string Summary(JsonElement report)
    {
        IEnumerable<string> counts = report.GetProperty("state_counts").EnumerateObject().Where(c => c.Value.GetInt32() > 0).Select(c => $"{c.Name} {c.Value.GetInt32()}");
        return $"{report.GetProperty("id").GetString()} {report.GetProperty("name").GetString()}: {report.GetProperty("state").GetString()}, "
            + $"{report.GetProperty("updated").GetInt32()}/{report.GetProperty("devices").GetInt32()} updated, {report.GetProperty("failed").GetInt32()} failed"
            + (report.TryGetProperty("fragments_sent", out JsonElement fragments) ? $", {fragments.GetInt32()} fragments sent" : string.Empty)
            + $" ({string.Join(", ", counts)})";
    }
}

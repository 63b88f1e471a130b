using System.CommandLine;
using System.Globalization;
using LoRaFuota.Cli.Serve;
using Microsoft.Extensions.Configuration;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota serve</c>: the FUOTA service — durable campaigns, the HTTP API and the dashboard.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, TimeProvider time)
    {
        var db = new Option<string?>("--db") { Description = "sqlite:PATH (default sqlite:lorafuota.db) or postgres:CONNECTION (several instances share it)." };
        Option<string?> networkServer = CliOptions.Choice<string?>("--network-server", "emulator (default: the built-in emulator with the --fleet devices), chirpstack or tts.", "emulator", "chirpstack", "tts");
        networkServer.Required = false;
        var fleet = new Option<string?>("--fleet") { Description = "The emulator's virtual devices (the simulate fleet schema); default 10 identical devices." };
        var timeScale = new Option<double?>("--time-scale") { Description = "Run the service's clock X times faster (emulator only): a dry run of an hours-long campaign in seconds." };
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080; several separated by ';')." };
        var apiKey = new Option<string[]>("--api-key") { Description = "An API key the service accepts (repeat for several). Never logged.", AllowMultipleArgumentsPerToken = false };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON settings file (keys as in docs/service.md); environment variables LORAFUOTA_* and options override it." };
        var region = new Option<string?>("--region") { Description = "The region of the emulator's devices (default EU868)." };
        var devices = new Option<int?>("--devices") { Description = "The emulator's number of identical devices without --fleet (default 10)." };
        var seed = new Option<long?>("--seed") { Description = "The seed of the emulator's device keys and losses (default 1)." };
        var keys = new Option<string?>("--keys") { Description = "chirpstack or tts: the devices' root keys file (as emulate --keys writes it)." };
        var publicKey = new Option<string?>("--package-public-key") { Description = "Emulator: the devices install only packages signed with this public key's private half (PEM)." };
        var origin = new Option<string?>("--time-origin") { Description = "With --time-scale: the instant (ISO 8601) the fast clock started, shared with lorafuota emulate --time-origin so both show one time." };
        var owner = new Option<string?>("--owner") { Description = "This instance's name in leases (default host name and process id)." };
        var perMinute = new Option<int?>("--devices-per-minute") { Description = "Default pacing of new campaigns: contact this many devices per minute (a request's devices_per_minute overrides it)." };
        var command = new Command("serve", "Run the FUOTA service: durable campaigns on SQLite or PostgreSQL, the HTTP API, the OpenAPI document and the live dashboard.")
        {
            db, networkServer, fleet, timeScale, urls, apiKey, config, region, devices, seed, keys, publicKey, origin, owner, perMinute,
        };
        command.SetAction(result =>
        {
            var builder = new ConfigurationBuilder();
            if (result.GetValue(config) is FileInfo file)
            {
                if (!file.Exists)
                {
                    throw new CliUsageException($"cannot read {file.Name}: it does not exist.");
                }

                builder.AddJsonFile(file.FullName, optional: false);
            }

            builder.AddEnvironmentVariables("LORAFUOTA_");
            var overrides = new Dictionary<string, string?>();
            void Set(string key, string? value)
            {
                if (value is not null)
                {
                    overrides[key] = value;
                }
            }

            Set("Db", result.GetValue(db));
            Set("NetworkServer", result.GetValue(networkServer));
            Set("Fleet", result.GetValue(fleet));
            Set("TimeScale", result.GetValue(timeScale)?.ToString(CultureInfo.InvariantCulture));
            Set("Urls", result.GetValue(urls));
            Set("Region", result.GetValue(region));
            Set("Devices", result.GetValue(devices)?.ToString(CultureInfo.InvariantCulture));
            Set("Seed", result.GetValue(seed)?.ToString(CultureInfo.InvariantCulture));
            Set("Keys", result.GetValue(keys));
            Set("PackagePublicKey", result.GetValue(publicKey));
            Set("Owner", result.GetValue(owner));
            Set("TimeOrigin", result.GetValue(origin));
            Set("DevicesPerMinute", result.GetValue(perMinute)?.ToString(CultureInfo.InvariantCulture));
            string[] given = result.GetValue(apiKey) ?? [];
            for (int i = 0; i < given.Length; i++)
            {
                overrides[$"ApiKeys:{100 + i}"] = given[i];
            }

            builder.AddInMemoryCollection(overrides);
            IConfiguration configuration;
            try
            {
                configuration = builder.Build();
            }
            catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
            {
                throw new CliUsageException($"cannot read the settings: {ex.Message.Split('\n')[0]}");
            }

            return ServeHost.Run(context, ServeSettings.Read(configuration), time);
        });
        return command;
    }
}

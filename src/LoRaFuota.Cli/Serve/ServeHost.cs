using System.Data.Common;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Regions;
using LoRaFuota.Server;
using LoRaFuota.Service;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Storage;
using LoRaFuota.Storage.PostgreSql;
using LoRaFuota.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace LoRaFuota.Cli.Serve;

/// <summary>Builds and runs the service: store, network server (or the built-in emulator), campaign worker, API and dashboard.</summary>
internal static class ServeHost
{
    public static int Run(CliContext context, ServeSettings settings, TimeProvider time)
    {
        Check(settings);
        TimeProvider clock = settings.TimeOrigin is DateTimeOffset origin ? ScaledTimeProvider.Since(origin, settings.TimeScale, time)
            : settings.TimeScale == 1 ? time : new ScaledTimeProvider(settings.TimeScale, time);
        RegionalParameters region = CliOptions.ParseRegion(settings.Region);
        return Task.Run(async () =>
        {
            (IFuotaStore store, string storeName) = await OpenStoreAsync(settings.Db, clock).ConfigureAwait(false);
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is for the ready line
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.WebHost.UseUrls(settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton(clock);
            var server = new FuotaServerOptions { StoreName = storeName, DevicesPerMinute = settings.DevicesPerMinute };
            foreach (string key in settings.ApiKeys)
            {
                server.ApiKeys.Add(key);
            }

            (IDeviceKeyProvider keys, int devices) = AddNetworkServer(builder.Services, settings, region, clock, server, store);
            builder.Services.AddSingleton(keys);
            builder.Services.AddLoRaFuotaServer(server);
            // Leases are about processes dying: real seconds, so on a faster clock they are that many times longer.
            TimeSpan lease = settings.LeaseDuration * settings.TimeScale;
            var worker = new CampaignWorkerOptions
            {
                LeaseDuration = lease,
                RenewInterval = lease / 3,
                MaxConcurrentCampaigns = settings.MaxCampaigns,
                PollInterval = TimeSpan.FromSeconds(Math.Min(2, settings.LeaseDuration.TotalSeconds / 3)) * settings.TimeScale,
                Runner = new FuotaRunnerOptions { TransportTimeout = TimeSpan.FromSeconds(Math.Min(3600, new FuotaRunnerOptions().TransportTimeout.TotalSeconds * settings.TimeScale)) }, // real time, up to the runner's 1 h limit
            };
            if (settings.Owner is { Length: > 0 } owner)
            {
                worker.Owner = owner;
            }

            // Metrics through System.Diagnostics.Metrics (meter "LoRaFuota"), exported over OTLP when an endpoint is set.
            builder.Services.AddSingleton(sp => new FuotaMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
            if (settings.OtlpEndpoint is Uri otlp)
            {
                builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                    .AddMeter(FuotaMetrics.MeterName)
                    .AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = otlp;
                        exporter.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.OtlpIntervalMilliseconds;
                    }));
            }

            builder.Services.AddHostedService(sp => new CampaignWorker(store, sp.GetRequiredService<IFuotaTransport>(), keys, worker, clock, sp.GetService<ILogger<CampaignWorker>>(), sp.GetRequiredService<FuotaMetrics>()));
            await using WebApplication app = builder.Build();
            app.UseLoRaFuotaServer();
            try
            {
                await app.StartAsync(context.Stop).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new CliUsageException($"cannot listen on {settings.Urls}: {ex.Message}");
            }

            context.Output.WriteLine(CliJson.Object(w =>
            {
                w.WriteString("event", "listening");
                w.WriteString("urls", string.Join(';', app.Urls));
                w.WriteString("db", storeName);
                w.WriteString("network_server", settings.NetworkServer);
                w.WriteNumber("devices", devices);
                w.WriteNumber("time_scale", settings.TimeScale);
                w.WriteString("owner", worker.Owner);
                w.WriteBoolean("api_key_required", true);
                w.WriteNumber("api_keys", server.ApiKeys.Count);
            }));
            context.Output.Flush();
            if (server.ApiKeys.Count == 0)
            {
                context.Error.WriteLine("No API key is configured (--api-key or LORAFUOTA_ApiKeys__0): every request except /health is refused.");
            }

            LoRaFuotaCli.StopIsHandled = true;
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.Stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM
            }
            finally
            {
                LoRaFuotaCli.StopIsHandled = false;
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false); // the worker releases its lease
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            return 0;
        }).GetAwaiter().GetResult();
    }

    // The emulated devices read a raw image's version as real firmware reads its header: here, from the package
    // repository by SHA-256 (a signed package carries it in its manifest).
    private static Func<string, string?> RawImageVersions(IFuotaStore store)
    {
        var known = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        return sha256 =>
        {
            if (!known.TryGetValue(sha256, out string? version))
            {
                foreach (Storage.Model.StoredPackage package in store.ListPackagesAsync().GetAwaiter().GetResult())
                {
                    known[package.Sha256] = package.Version;
                }

                known.TryGetValue(sha256, out version);
            }

            return version;
        };
    }

    private static void Check(ServeSettings settings)
    {
        if (settings.NetworkServer is not ("emulator" or "chirpstack" or "tts"))
        {
            throw new CliUsageException($"--network-server '{settings.NetworkServer}' is not emulator, chirpstack or tts.");
        }

        if (!(settings.TimeScale >= 0.001 && settings.TimeScale <= 1_000_000))
        {
            throw new CliUsageException("--time-scale must be a number from 0.001 to 1000000 (1 is real time).");
        }

        if (settings.TimeScale != 1 && settings.NetworkServer != "emulator" && settings.TimeOrigin is null)
        {
            throw new CliUsageException("--time-scale needs --network-server emulator, or TimeOrigin shared with an emulated server (lorafuota emulate --time-origin): a real network server keeps real time.");
        }

        if (settings.LeaseDuration < TimeSpan.FromSeconds(1) || settings.LeaseDuration > TimeSpan.FromHours(1))
        {
            throw new CliUsageException("LeaseSeconds must be 1 to 3600.");
        }
    }

    private static async Task<(IFuotaStore Store, string Name)> OpenStoreAsync(string db, TimeProvider clock)
    {
        (IFuotaStore store, string name) = db switch
        {
            _ when db.StartsWith("sqlite:", StringComparison.Ordinal) && db.Length > 7 => ((IFuotaStore)new SqliteFuotaStore(db[7..], clock), "sqlite"),
            _ when db.StartsWith("postgres:", StringComparison.Ordinal) && db.Length > 9 => (new PostgreSqlFuotaStore(ConnectionString(db[9..]), clock), "postgres"),
            _ => throw new CliUsageException($"--db '{Redacted(db)}' is not sqlite:PATH or postgres:CONNECTION."),
        };
        try
        {
            await store.MigrateAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or TimeoutException)
        {
            throw new CliUsageException($"cannot open the {name} database: {ex.Message.Split('\n')[0]}");
        }

        return (store, name);
    }

    private static string ConnectionString(string text)
    {
        try
        {
            return new Npgsql.NpgsqlConnectionStringBuilder(text).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"--db postgres: the connection string is malformed ({ex.Message.Split('\n')[0]}).");
        }
    }

    // Never print a password: a connection string shows only up to its first '='.
    private static string Redacted(string db) => db.Contains("password", StringComparison.OrdinalIgnoreCase) ? db.Split(':', 2)[0] + ":…" : db;

    private static (IDeviceKeyProvider Keys, int Devices) AddNetworkServer(IServiceCollection services, ServeSettings settings, RegionalParameters region, TimeProvider clock, FuotaServerOptions server, IFuotaStore store)
    {
        if (settings.NetworkServer == "emulator")
        {
            var simulation = new SimulationOptions
            {
                Fleet = settings.Fleet is { Length: > 0 } fleet ? CliFiles.ReadFleet(new FileInfo(fleet)) : null,
                DeviceCount = settings.Devices,
                Region = region,
                Seed = settings.Seed,
                PackagePublicKey = settings.PackagePublicKey is { Length: > 0 } pem ? CliKeys.ReadPublicKey(new FileInfo(pem)) : (ReadOnlyMemory<byte>?)null, // not byte[] null: that converts to an empty key
                RawImageVersion = RawImageVersions(store),
            };
            SimulatedFleet devices;
            try
            {
                devices = CampaignSimulator.CreateFleet(simulation);
            }
            catch (ArgumentException ex)
            {
                throw CliUsageException.From(ex);
            }

            // Unicast downlinks go at DR5 (a device near its gateway), or at RX2's data rate where the region has no DR5 downlink.
            int unicastRate = region.TryGetDownlinkDataRate(5, dwellTime: false, out _) ? 5 : region.Rx2DataRate;
            var network = new SimulatedNetwork(region, unicastRate, devices.Devices);
            services.AddSingleton<IFuotaTransport>(_ => new SimulatedNetworkServer(network, clock));
            return (devices.Keys, devices.Devices.Count);
        }

        if (settings.Keys is not { Length: > 0 } keyFile)
        {
            throw new CliUsageException($"--network-server {settings.NetworkServer} needs the devices' root keys: Keys (a file as emulate --keys writes it).");
        }

        IConfiguration c = settings.Configuration;
        DeviceKeyStore keys = KeyFile.Read(keyFile);
        if (settings.NetworkServer == "chirpstack")
        {
            IConfigurationSection cs = c.GetSection("ChirpStack");
            server.ServerSpacing = TimeSpan.FromSeconds(5); // ChirpStack's multicast_class_c_margin: plan for it
            services.AddLoRaFuotaChirpStack(
                mqtt =>
                {
                    mqtt.Host = cs["MqttHost"] ?? mqtt.Host;
                    mqtt.Port = int.TryParse(cs["MqttPort"], out int port) ? port : mqtt.Port;
                    mqtt.Username = cs["MqttUsername"];
                    mqtt.Password = cs["MqttPassword"];
                    mqtt.ApplicationId = cs["ApplicationId"] ?? mqtt.ApplicationId;
                    // A stable client id keeps the broker's persistent session (and the uplinks it queues at QoS 1)
                    // across a restart of this instance.
                    mqtt.ClientId = cs["ClientId"] is { Length: > 0 } clientId ? clientId : mqtt.ClientId;
                    mqtt.ShareName = cs["ShareName"] is string share ? (share.Length == 0 ? null : share) : mqtt.ShareName;
                },
                api =>
                {
                    api.Address = Uri.TryCreate(cs["ApiAddress"], UriKind.Absolute, out Uri? address) ? address : api.Address;
                    api.ApiToken = cs["ApiToken"] ?? string.Empty;
                    api.CallTimeout *= settings.TimeScale; // a call's time-out is real time
                },
                transport =>
                {
                    transport.ApplicationId = cs["ApplicationId"] ?? string.Empty;
                    transport.Region = region.Region;
                });
        }
        else
        {
            IConfigurationSection tts = c.GetSection("TheThingsStack");
            if (bool.TryParse(tts["AbsoluteTime"], out bool absolute) && absolute)
            {
                // A frame scheduled at the gateway's GPS time must reach the server before that time: hand it over 2 s
                // (real time) ahead, whatever the clock's scale.
                server.DownlinkLeadTime = TimeSpan.FromSeconds(2) * settings.TimeScale;
            }

            services.AddLoRaFuotaTheThingsStack(
                mqtt =>
                {
                    mqtt.Host = tts["MqttHost"] ?? mqtt.Host;
                    mqtt.Port = int.TryParse(tts["MqttPort"], out int port) ? port : mqtt.Port;
                    mqtt.ApplicationId = tts["ApplicationId"] ?? string.Empty;
                    mqtt.TenantId = tts["TenantId"];
                    mqtt.ApiKey = tts["ApiKey"] ?? string.Empty;
                    mqtt.ClientId = tts["ClientId"] is { Length: > 0 } clientId ? clientId : mqtt.ClientId;
                },
                api =>
                {
                    api.BaseAddress = Uri.TryCreate(tts["ApiAddress"], UriKind.Absolute, out Uri? address) ? address : null;
                    api.ApiKey = tts["ApiKey"] ?? string.Empty;
                    api.ApplicationId = tts["ApplicationId"] ?? string.Empty;
                    api.FrequencyPlanId = tts["FrequencyPlanId"] ?? string.Empty;
                    api.Timeout *= settings.TimeScale; // a call's time-out is real time
                },
                transport =>
                {
                    transport.AbsoluteTime = bool.TryParse(tts["AbsoluteTime"], out bool gps) && gps;
                    foreach (string gateway in (tts["Gateways"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        transport.Gateways.Add(gateway);
                    }
                });
        }

        return (keys, keys.Count);
    }
}

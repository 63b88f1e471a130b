using System.CommandLine;
using LoRaFuota.Cli.Emulate;
using LoRaFuota.Emulation.Standalone;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota emulate</c>: an emulated ChirpStack or The Things Stack with virtual devices, for any integration to be pointed at.</summary>
internal static class EmulateCommand
{
    private const int MaxDevices = 10_000;

    public static Command Create(CliContext context, TimeProvider time)
    {
        var server = new Argument<string>("server") { Description = "The network server to emulate: chirpstack or tts." };
        server.AcceptOnlyFromAmong("chirpstack", "tts");
        var broker = new Option<string>("--broker") { Description = "The MQTT broker the emulated server publishes to: mqtt://[user:password@]host:port.", Required = true };
        var fleet = new Option<FileInfo?>("--fleet") { Description = "A JSON array of device descriptions (the simulate schema, docs/simulation.md)." };
        var devices = new Option<int?>("--devices") { Description = "Identical devices that support v1 and v2 of every package (default 10)." };
        var region = new Option<string>("--region") { Description = "EU868, US915, AU915, AS923-1…4, IN865, KR920, CN470 or RU864.", DefaultValueFactory = _ => "EU868" };
        Option<string> loss = CliOptions.Loss("Loss per frame and device: a fraction (0.05) or a percentage (5%).");
        var seed = new Option<long>("--seed") { Description = "The seed of the devices' keys and losses.", DefaultValueFactory = _ => 1 };
        var api = new Option<string?>("--api") { Description = "Where the API listens: http://host:port (default ChirpStack's 127.0.0.1:8080, The Things Stack's 127.0.0.1:1885; port 0 picks one)." };
        var apiKey = new Option<string?>("--api-key") { Description = "The API token (ChirpStack) or API key (The Things Stack) the emulated API accepts." };
        var noGps = new Option<bool>("--no-gps") { Description = "The Things Stack: the gateway has no GPS (frames cannot carry absolute_time)." };
        var timeScale = new Option<double>("--time-scale") { Description = "Run the emulated clock this many times faster than real time (your integration must share the clock).", DefaultValueFactory = _ => 1 };
        var origin = new Option<DateTimeOffset?>("--time-origin") { Description = "With --time-scale: the instant the fast clock started; give the same to lorafuota serve --time-origin so both show one time." };
        var keys = new Option<FileInfo?>("--keys") { Description = "Write the devices' GenAppKeys to this JSON file for your integration." };
        var publicKey = new Option<FileInfo?>("--package-public-key") { Description = "The devices install only packages signed with the private half of this ECDSA P-256 public key (PEM)." };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many real seconds (default: run until Ctrl+C or SIGTERM)." };
        var command = new Command("emulate", "Run an emulated network server (ChirpStack v4 or The Things Stack) with virtual devices on an MQTT broker, for your own integration.")
        {
            server, broker, fleet, devices, region, loss, seed, api, apiKey, noGps, timeScale, origin, keys, publicKey, duration,
        };
        command.SetAction(result =>
        {
            FileInfo? fleetFile = result.GetValue(fleet);
            if (fleetFile is not null && result.GetValue(devices).HasValue)
            {
                throw new CliUsageException("Give --devices or --fleet, not both.");
            }

            int count = result.GetValue(devices) ?? 10;
            if (fleetFile is null && count is < 1 or > MaxDevices)
            {
                throw new CliUsageException($"--devices must be 1 to {MaxDevices}.");
            }

            double scale = result.GetValue(timeScale);
            if (!(scale >= 0.001 && scale <= 1_000_000))
            {
                throw new CliUsageException("--time-scale must be a number from 0.001 to 1000000 (1 is real time).");
            }

            double? seconds = result.GetValue(duration);
            if (seconds is not null && !(seconds > 0 && seconds < 1e7))
            {
                throw new CliUsageException("--duration must be a positive number of seconds.");
            }

            RegionalParameters parameters = CliOptions.ParseRegion(result.GetValue(region));
            var simulation = new SimulationOptions
            {
                Fleet = fleetFile is null ? null : CliFiles.ReadFleet(fleetFile),
                DeviceCount = count,
                Loss = CliOptions.ParseLoss(result.GetValue(loss)),
                Region = parameters,
                Seed = result.GetValue(seed),
                PackagePublicKey = result.GetValue(publicKey) is FileInfo pem ? CliKeys.ReadPublicKey(pem) : (ReadOnlyMemory<byte>?)null, // not byte[] null: that converts to an empty key
            };
            CliBroker address = CliBroker.Parse(result.GetValue(broker)!);
            var host = new EmulatorHostOptions
            {
                Dialect = CliBroker.Dialect(result.GetValue(server)!),
                BrokerHost = address.Host,
                BrokerPort = address.Port,
                BrokerUsername = address.Username,
                BrokerPassword = address.Password,
                ApiAddress = ParseApi(result.GetValue(api)),
                ApiKey = result.GetValue(apiKey),
                GpsGateway = !result.GetValue(noGps),
            };
            TimeProvider clock = result.GetValue(origin) is DateTimeOffset start ? ScaledTimeProvider.Since(start, scale, time)
                : scale == 1 ? time : new ScaledTimeProvider(scale, time);
            TimeSpan? stopAfter = seconds is double s ? TimeSpan.FromSeconds(s) : null;
            return Run(context, simulation, host, clock, result.GetValue(keys), stopAfter, address);
        });
        return command;
    }

    private static int Run(CliContext context, SimulationOptions simulation, EmulatorHostOptions options, TimeProvider clock, FileInfo? keysFile, TimeSpan? stopAfter, CliBroker broker)
    {
        SimulatedFleet fleet;
        try
        {
            options.Validate();
            fleet = CampaignSimulator.CreateFleet(simulation);
        }
        catch (ArgumentException ex)
        {
            throw CliUsageException.From(ex);
        }

        if (keysFile is not null)
        {
            EmulatorJson.WriteKeys(keysFile, fleet);
        }

        var network = new SimulatedNetwork(simulation.Region, simulation.Region.Rx2DataRate, fleet.Devices);
        try
        {
            return Task.Run(async () =>
            {
                EmulatorHost host = await EmulatorHost.StartAsync(network, simulation.Region, options, clock, context.Stop).ConfigureAwait(false);
                try
                {
                    context.Output.WriteLine(EmulatorJson.Ready(host, options, simulation.Region, fleet, clock));
                    context.Output.Flush(); // the ready line is what a script waits for
                    LoRaFuotaCli.StopIsHandled = true;
                    await WaitAsync(stopAfter, context.Stop).ConfigureAwait(false);
                }
                finally
                {
                    LoRaFuotaCli.StopIsHandled = false;
                    await host.DisposeAsync().ConfigureAwait(false);
                }

                // The radio has stopped: the devices' state can be read.
                context.Output.WriteLine(EmulatorJson.Stopped(host.Emulator));
                return 0;
            }).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (context.Stop.IsCancellationRequested)
        {
            return 0; // stopped while starting
        }
        catch (IOException ex)
        {
            throw new CliUsageException($"The API cannot listen on {options.ApiAddress?.ToString() ?? "its default address"}: {ex.Message}");
        }
        catch (Exception ex) when (CliBroker.IsRefusal(ex))
        {
            throw new CliUsageException($"The broker {broker.Host}:{broker.Port} refused or did not answer: {ex.Message}");
        }
    }

    // The wall clock, never the emulated one: --duration is real seconds.
    private static async Task WaitAsync(TimeSpan? stopAfter, CancellationToken stop)
    {
        try
        {
            await Task.Delay(stopAfter ?? Timeout.InfiniteTimeSpan, TimeProvider.System, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM
        }
    }

    private static Uri? ParseApi(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/"
            ? uri
            : throw new CliUsageException($"--api '{text}' is not http://host:port.");
    }
}

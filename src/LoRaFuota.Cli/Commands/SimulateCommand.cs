using System.CommandLine;
using System.Diagnostics;
using LoRaFuota.Campaigns;
using LoRaFuota.Cli.Planning;
using LoRaFuota.Cli.Simulation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota simulate</c>: a whole campaign, orchestrator to installed firmware, in virtual time.</summary>
internal static class SimulateCommand
{
    private const int MaxDevices = 100_000;

    public static Command Create(CliContext context)
    {
        var input = new Option<FileInfo?>("--input") { Description = "The image to send." };
        var size = new Option<int?>("--size") { Description = "Send a deterministic sample image of this many bytes." };
        var devices = new Option<int?>("--devices") { Description = "Identical devices that support v1 and v2 of every package (default 100)." };
        var fleet = new Option<FileInfo?>("--fleet") { Description = "A JSON array of device descriptions (see docs/simulation.md)." };
        Option<string> loss = CliOptions.Loss("Loss per frame and device: a fraction (0.05) or a percentage (5%).");
        var burst = new Option<double>("--burst-length") { Description = "Mean frames lost in a row (1: independent losses; above 1: Gilbert-Elliott).", DefaultValueFactory = _ => 1 };
        Option<string> region = CliOptions.Region();
        var dataRate = new Option<int>("--dr") { Description = "The multicast data rate index.", Required = true };
        Option<string> multicastClass = CliOptions.Class();
        var periodicity = new Option<int?>("--periodicity") { Description = "Class B ping-slot periodicity 0..7 (default: the planner's choice)." };
        var frequency = new Option<uint?>("--frequency") { Description = "The multicast frequency in Hz." };
        var redundancy = new Option<int?>("--redundancy") { Description = "The number of coded fragments R." };
        var percent = new Option<double?>("--redundancy-percent") { Description = "R as a percentage of M (rounded up)." };
        var target = new Option<double?>("--target-success") { Description = "The smallest R that reaches this success probability (0..1) at --loss." };
        var ts004 = new Option<int?>("--ts004") { Description = "The TS004 version devices that support it run (default: each device's highest)." };
        var closedLoop = new Option<bool>("--closed-loop") { Description = "Send coded fragments in bursts with multicast status polls, stopping when every device has the block." };
        var perMinute = new Option<int?>("--devices-per-minute") { Description = "Contact this many devices per minute, in fleet order (default: all at once)." };
        var unicast = new Option<bool>("--unicast") { Description = "Send everything by unicast (no multicast group)." };
        var restartAt = new Option<double?>("--restart-at") { Description = "At this virtual second, save the campaign to JSON, discard it, restore it and go on." };
        var cancelAt = new Option<double?>("--cancel-at") { Description = "At this virtual second, cancel the campaign." };
        var seed = new Option<long>("--seed") { Description = "The seed: the same seed gives the same run.", DefaultValueFactory = _ => 1 };
        Option<string> format = CliOptions.Choice<string>("--format", "Output: text or json.", "text", "json");
        format.Required = false;
        format.DefaultValueFactory = _ => "text";
        var events = new Option<FileInfo?>("--events") { Description = "Write every campaign event to this file as JSON Lines." };
        var svg = new Option<FileInfo?>("--svg") { Description = "Write a timeline picture of the campaign (SVG)." };
        Option<string?> networkServer = CliOptions.Choice<string?>("--network-server", "Run through this network server's adapter, an MQTT broker (--broker) and its emulator instead of in memory: chirpstack or tts.", "chirpstack", "tts");
        networkServer.Required = false;
        var broker = new Option<string?>("--broker") { Description = "The MQTT broker for --network-server: mqtt://[user:password@]host:port." };
        var command = new Command("simulate", "Simulate a whole FUOTA campaign in virtual time: the orchestrator, a network server and virtual devices over lossy links.")
        {
            input, size, devices, fleet, loss, burst, region, dataRate, multicastClass, periodicity, frequency, redundancy, percent, target, ts004,
            closedLoop, perMinute, unicast, restartAt, cancelAt, seed, format, events, svg, networkServer, broker,
        };
        command.SetAction(result =>
        {
            FileInfo? file = result.GetValue(input);
            if (result.GetValue(size).HasValue == (file is not null))
            {
                throw new CliUsageException("Give exactly one of --input or --size.");
            }

            FileInfo? fleetFile = result.GetValue(fleet);
            if (fleetFile is not null && result.GetValue(devices).HasValue)
            {
                throw new CliUsageException("Give --devices or --fleet, not both.");
            }

            var options = new SimulationOptions
            {
                Image = file is null ? null : CliFiles.ReadAll(file),
                ImageSize = result.GetValue(size) ?? 0,
                DeviceCount = result.GetValue(devices) ?? 100,
                Fleet = fleetFile is null ? null : CliFiles.ReadFleet(fleetFile),
                Loss = CliOptions.ParseLoss(result.GetValue(loss)),
                BurstLength = result.GetValue(burst),
                Region = CliOptions.ParseRegion(result.GetValue(region)),
                DataRate = result.GetValue(dataRate),
                Class = CliOptions.ParseClass(result.GetValue(multicastClass)),
                Periodicity = CliOptions.ParsePeriodicity(result.GetValue(periodicity)),
                FrequencyHz = result.GetValue(frequency),
                Redundancy = result.GetValue(redundancy),
                RedundancyPercent = result.GetValue(percent),
                TargetSuccessProbability = result.GetValue(target),
                FragmentationVersion = result.GetValue(ts004) switch
                {
                    null => null,
                    1 => PackageVersion.V1,
                    2 => PackageVersion.V2,
                    _ => throw new CliUsageException("--ts004 must be 1 or 2."),
                },
                ClosedLoop = result.GetValue(closedLoop),
                DevicesPerMinute = result.GetValue(perMinute),
                UnicastOnly = result.GetValue(unicast),
                RestartAt = Seconds(result.GetValue(restartAt), "--restart-at"),
                CancelAt = Seconds(result.GetValue(cancelAt), "--cancel-at"),
                Seed = result.GetValue(seed),
            };
            Check(options);
            return Run(context, options, result.GetValue(format) == "json", result.GetValue(events), result.GetValue(svg), BrokerOptions(result.GetValue(networkServer), result.GetValue(broker)));
        });
        return command;
    }

    internal static int Run(CliContext context, SimulationOptions options, bool json, FileInfo? events, FileInfo? svg, Emulation.DryRun.BrokerSimulationOptions? broker = null)
    {
        EventJson? eventWriter = events is null ? null : new EventJson(OpenForWriting(events));
        options.OnEvent = eventWriter is null ? null : eventWriter.Write;
        var watch = Stopwatch.StartNew();
        SimulationResult result;
        try
        {
            int count = options.Fleet?.Count ?? options.DeviceCount;
            result = broker is not null
                ? RunThroughBroker(options, broker)
                : context.Interactive && !json ? SimulationProgress.Run(options, count) : CampaignSimulator.Run(options);
        }
        catch (InfeasiblePlanException ex)
        {
            PlanText.Write(context.Output, ex.Plan);
            return PlanCommand.Infeasible;
        }
        catch (ArgumentException ex)
        {
            throw CliUsageException.From(ex);
        }
        finally
        {
            eventWriter?.Dispose();
        }

        if (json)
        {
            context.Output.WriteLine(SimulationJson.Render(result));
        }
        else
        {
            SimulationText.Write(context.Output, result, options, watch.Elapsed);
        }

        if (svg is not null)
        {
            File.WriteAllText(svg.FullName, SimulationSvg.Render(result));
        }

        return 0;
    }

    private static Emulation.DryRun.BrokerSimulationOptions? BrokerOptions(string? networkServer, string? broker)
    {
        if ((networkServer is null) != (broker is null))
        {
            throw new CliUsageException("Give --network-server and --broker together.");
        }

        if (broker is null)
        {
            return null;
        }

        CliBroker address = CliBroker.Parse(broker);
        return new Emulation.DryRun.BrokerSimulationOptions
        {
            Dialect = CliBroker.Dialect(networkServer!),
            BrokerHost = address.Host,
            BrokerPort = address.Port,
            EngineUsername = address.Username,
            EnginePassword = address.Password,
        };
    }

    // The same simulation through the adapter, the broker and the emulated server, on a virtual clock.
    private static SimulationResult RunThroughBroker(SimulationOptions options, Emulation.DryRun.BrokerSimulationOptions broker)
    {
        try
        {
            return Task.Run(async () =>
            {
                await using Emulation.DryRun.BrokerSimulation run = await Emulation.DryRun.BrokerSimulation.StartAsync(options, broker).ConfigureAwait(false);
                return await run.RunAsync().ConfigureAwait(false);
            }).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (CliBroker.IsRefusal(ex))
        {
            throw new CliUsageException($"The run through the broker {broker.BrokerHost}:{broker.BrokerPort} failed: {ex.Message}");
        }
    }

    private static TimeSpan? Seconds(double? seconds, string option) =>
        seconds switch
        {
            null => null,
            >= 0 and < 1e8 => TimeSpan.FromSeconds(seconds.Value),
            _ => throw new CliUsageException($"{option} must be a number of seconds from 0."),
        };

    private static void Check(SimulationOptions options)
    {
        if (options.Image is null && options.ImageSize is < 1 or > FragmentEncoder.MaxBlockLength)
        {
            throw new CliUsageException($"--size must be 1 to {FragmentEncoder.MaxBlockLength} bytes.");
        }

        if (options.Fleet is null && options.DeviceCount is < 1 or > MaxDevices)
        {
            throw new CliUsageException($"--devices must be 1 to {MaxDevices}.");
        }

        if (!(options.BurstLength >= 1) || double.IsInfinity(options.BurstLength))
        {
            throw new CliUsageException("--burst-length must be at least 1 (1 means independent losses).");
        }
    }

    private static FileStream OpenForWriting(FileInfo file)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write {file.Name}: {ex.Message}");
        }
    }
}

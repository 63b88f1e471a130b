using System.CommandLine;
using System.Globalization;
using LoRaFuota.Cli.Planning;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota plan</c>: a campaign plan as text, JSON and an SVG timeline.</summary>
internal static class PlanCommand
{
    /// <summary>The exit code of a plan that cannot run.</summary>
    public const int Infeasible = 3;

    public static Command Create(CliContext context, TimeProvider time)
    {
        var size = new Option<int?>("--size") { Description = "The image size in bytes." };
        var input = new Option<FileInfo?>("--input") { Description = "The image; the schedule then carries the fragment bytes." };
        Option<string> region = CliOptions.Region();
        var dataRate = new Option<int>("--dr") { Description = "The multicast data rate index.", Required = true };
        Option<string> multicastClass = CliOptions.Class();
        var periodicity = new Option<int?>("--periodicity") { Description = "Class B ping-slot periodicity 0..7 (default: the most slots the duty cycle fills)." };
        var redundancy = new Option<int?>("--redundancy") { Description = "The number of coded fragments R." };
        var percent = new Option<double?>("--redundancy-percent") { Description = "R as a percentage of M (rounded up)." };
        var target = new Option<double?>("--target-success") { Description = "Pick the smallest R that reaches this success probability (0..1) at --loss." };
        Option<string> loss = CliOptions.Loss("Expected loss per fragment and device: a fraction (0.05) or a percentage (5%).");
        var fragmentSize = new Option<int?>("--fragment-size") { Description = "FragSize (default: the largest the data rate allows, N − 3)." };
        var frequency = new Option<uint?>("--frequency") { Description = "The multicast frequency in Hz (default: RX2 for class C, the ping-slot channel for class B)." };
        Option<string> start = CliOptions.Text("--start", "When the campaign starts (ISO 8601; default: now).");
        Option<string> format = CliOptions.Choice<string>("--format", "Output: text or json.", "text", "json");
        format.Required = false;
        format.DefaultValueFactory = _ => "text";
        var svg = new Option<FileInfo?>("--svg") { Description = "Write a timeline picture of the campaign (SVG)." };
        var gateways = new Option<int>("--gateways") { Description = "Gateways that send the multicast.", DefaultValueFactory = _ => 1 };
        Option<string> gatewayMode = CliOptions.Choice<string>("--gateway-mode", "sequential (one after another) or simultaneous (GPS).", "sequential", "simultaneous");
        gatewayMode.Required = false;
        gatewayMode.DefaultValueFactory = _ => "sequential";
        var repeater = new Option<bool>("--repeater") { Description = "Keep fragments repeater-compatible." };
        var dwell = new Option<bool>("--dwell-time") { Description = "Apply the AS923 400 ms downlink dwell time." };
        var maxNbFrag = new Option<int?>("--device-max-nb-frag") { Description = "The devices' FRAG_MAX_NB." };
        var maxFragSize = new Option<int?>("--device-max-frag-size") { Description = "The devices' FRAG_MAX_SIZE." };
        var maxLost = new Option<int?>("--device-max-lost") { Description = "The devices' FRAG_MAX_REDUNDANCY (lost fragments they can repair)." };
        var memory = new Option<long?>("--device-memory") { Description = "Bytes the devices have for the block and the decoder." };
        Option<int> ts004 = CliParity.Ts004();
        Option<string?> parity = CliParity.Parity();
        var uplinkInterval = new Option<double>("--uplink-interval") { Description = "Device uplink interval in seconds (paces the class A setup).", DefaultValueFactory = _ => 900 };
        var schedule = new Option<bool>("--schedule") { Description = "Include every scheduled downlink in the JSON output." };
        var command = new Command("plan", "Plan a FUOTA campaign: fragmentation, spacing or ping slots, session timeout, success probability, schedule.")
        {
            size, input, region, dataRate, multicastClass, periodicity, redundancy, percent, target, loss, fragmentSize, frequency, start,
            format, svg, gateways, gatewayMode, repeater, dwell, maxNbFrag, maxFragSize, maxLost, memory, ts004, parity, uplinkInterval, schedule,
        };
        command.SetAction(result =>
        {
            FileInfo? file = result.GetValue(input);
            if (result.GetValue(size).HasValue == (file is not null))
            {
                throw new CliUsageException("Give exactly one of --size or --input.");
            }

            RegionalParameters parameters = CliOptions.ParseRegion(result.GetValue(region));
            byte[] image = file is null ? [] : CliFiles.ReadAll(file);
            var options = new CampaignPlanOptions
            {
                ImageSize = result.GetValue(size) ?? image.Length,
                Region = parameters,
                DataRate = result.GetValue(dataRate),
                FrequencyHz = result.GetValue(frequency),
                Class = CliOptions.ParseClass(result.GetValue(multicastClass)),
                Periodicity = CliOptions.ParsePeriodicity(result.GetValue(periodicity)),
                Redundancy = result.GetValue(redundancy),
                RedundancyPercent = result.GetValue(percent),
                TargetSuccessProbability = result.GetValue(target),
                ExpectedLoss = CliOptions.ParseLoss(result.GetValue(loss)),
                FragmentSize = result.GetValue(fragmentSize),
                Start = ParseStart(result.GetValue(start), time),
                Gateways = result.GetValue(gateways),
                GatewayMode = result.GetValue(gatewayMode) == "simultaneous" ? GatewayMode.Simultaneous : GatewayMode.Sequential,
                RepeaterCompatible = result.GetValue(repeater),
                DwellTime = result.GetValue(dwell),
                DeviceMaxNbFrag = result.GetValue(maxNbFrag),
                DeviceMaxFragmentSize = result.GetValue(maxFragSize),
                DeviceMaxLostFragments = result.GetValue(maxLost),
                DeviceMemoryBytes = result.GetValue(memory),
                Variant = CliParity.Resolve(result.GetValue(ts004), result.GetValue(parity)),
                UplinkInterval = TimeSpan.FromSeconds(result.GetValue(uplinkInterval)),
            };

            CampaignPlan plan;
            try
            {
                plan = CampaignPlanner.Create(options, image);
            }
            catch (ArgumentException ex)
            {
                throw CliUsageException.From(ex);
            }

            if (result.GetValue(format) == "json")
            {
                context.Output.WriteLine(PlanJson.Render(plan, result.GetValue(schedule)));
            }
            else
            {
                PlanText.Write(context.Output, plan);
            }

            if (result.GetValue(svg) is FileInfo picture)
            {
                File.WriteAllText(picture.FullName, PlanSvg.Render(plan));
            }

            return plan.Feasible ? 0 : Infeasible;
        });
        return command;
    }

    private static DateTimeOffset ParseStart(string? text, TimeProvider time)
    {
        if (text is null)
        {
            return time.GetUtcNow();
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset value)
            ? value
            : throw new CliUsageException("--start must be an ISO 8601 time, e.g. 2026-12-01T08:00:00Z.");
    }
}

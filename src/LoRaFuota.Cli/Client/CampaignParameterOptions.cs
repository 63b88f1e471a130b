using System.CommandLine;
using System.Text.Json;

namespace LoRaFuota.Cli.Client;

/// <summary>The campaign parameters a service request carries (campaign create, package assign): one set of options, one JSON writer.</summary>
internal sealed class CampaignParameterOptions
{
    private readonly Option<string> _region = CliOptions.Region();
    private readonly Option<int> _dataRate = new("--dr") { Description = "The multicast data rate index.", Required = true };
    private readonly Option<string> _class = CliOptions.Class();
    private readonly Option<int?> _periodicity = new("--periodicity") { Description = "Class B ping-slot periodicity 0..7." };
    private readonly Option<int?> _redundancy = new("--redundancy") { Description = "The number of coded fragments R." };
    private readonly Option<double?> _percent = new("--redundancy-percent") { Description = "R as a percentage of M." };
    private readonly Option<double?> _target = new("--target-success") { Description = "The smallest R that reaches this success probability (0..1) at --loss." };
    private readonly Option<string> _loss = CliOptions.Loss("The expected loss per frame, for --target-success: a fraction or a percentage.");
    private readonly Option<int?> _ts004 = new("--ts004") { Description = "The TS004 version to prefer: 1 or 2." };
    private readonly Option<bool> _closedLoop = new("--closed-loop") { Description = "Bursts of coded fragments with multicast status polls." };
    private readonly Option<int?> _perMinute = new("--devices-per-minute") { Description = "Contact this many devices per minute, in order (default: the service's setting)." };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _region, _dataRate, _class, _periodicity, _redundancy, _percent, _target, _loss, _ts004, _closedLoop, _perMinute })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Writes the parameters into the request object being written.</summary>
    /// <exception cref="CliUsageException">Not exactly one redundancy setting is given.</exception>
    public void Write(ParseResult result, Utf8JsonWriter w)
    {
        int given = (result.GetValue(_redundancy).HasValue ? 1 : 0) + (result.GetValue(_percent).HasValue ? 1 : 0) + (result.GetValue(_target).HasValue ? 1 : 0);
        if (given != 1)
        {
            throw new CliUsageException("Give exactly one of --redundancy, --redundancy-percent or --target-success.");
        }

        w.WriteString("region", result.GetValue(_region));
        w.WriteNumber("dr", result.GetValue(_dataRate));
        w.WriteString("class", result.GetValue(_class)!.ToUpperInvariant());
        Number(w, "periodicity", result.GetValue(_periodicity));
        Number(w, "redundancy", result.GetValue(_redundancy));
        Number(w, "redundancy_percent", result.GetValue(_percent));
        Number(w, "target_success", result.GetValue(_target));
        w.WriteNumber("expected_loss", CliOptions.ParseLoss(result.GetValue(_loss)));
        Number(w, "ts004", result.GetValue(_ts004));
        w.WriteBoolean("closed_loop", result.GetValue(_closedLoop));
        Number(w, "devices_per_minute", result.GetValue(_perMinute));
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, v);
        }
    }
}

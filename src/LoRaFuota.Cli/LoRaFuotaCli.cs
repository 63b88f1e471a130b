using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using LoRaFuota.Cli.Commands;

namespace LoRaFuota.Cli;

/// <summary>The lorafuota command line: builds the commands and maps failures to exit codes.</summary>
internal static class LoRaFuotaCli
{
    /// <summary>The exit code of a usage error or a malformed input.</summary>
    public const int UsageError = 2;

    private static volatile bool s_stopIsHandled;

    /// <summary>Gets or sets a value indicating whether the running command ends cleanly on Ctrl+C or SIGTERM (set by emulate and serve while they wait).</summary>
    public static bool StopIsHandled
    {
        get => s_stopIsHandled;
        set => s_stopIsHandled = value;
    }

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        Run(args, input, output, error, TimeProvider.System);

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, TimeProvider time) =>
        Run(args, input, output, error, time, CancellationToken.None);

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error, TimeProvider time, CancellationToken stop)
    {
        var context = new CliContext(input, output, error, Interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, stop);
        // A plain command named like the tool, so help reads "lorafuota …" whatever the executable is called.
        var root = new Command("lorafuota", "LoRaWAN firmware update over the air (TS003/TS004/TS005) tools.")
        {
            new HelpOption(),
            DecodeCommand.Create(context),
            EncodeCommand.Create(context),
            KeysCommand.Create(context),
            MicCommand.Create(context),
            FragmentCommand.Create(context),
            ReassembleCommand.Create(context),
            PlanCommand.Create(context, time),
            SimulateCommand.Create(context),
            EmulateCommand.Create(context, time),
            PackageCommand.Create(context),
            ServeCommand.Create(context, time),
            CampaignCommand.Create(context),
            DeviceCommand.Create(context),
            DemoCommand.Create(context),
        };

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // "frobnicate" is reported as the unknown word it is, not as the missing command it displaced.
            ParseError first = result.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? result.Errors[0];
            error.WriteLine(OneLine(first.Message));
            return UsageError;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException ex)
        {
            error.WriteLine(OneLine(ex.Message));
            return UsageError;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

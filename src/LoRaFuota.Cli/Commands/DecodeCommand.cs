using System.CommandLine;
using LoRaFuota.Cli.Output;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota decode</c>: FRMPayload hex to the JSON commands it carries.</summary>
internal static class DecodeCommand
{
    public static Command Create(CliContext context)
    {
        Option<int> port = CliOptions.Port();
        Option<int> version = CliOptions.Version();
        Option<string> direction = CliOptions.Direction();
        var hex = new Argument<string?>("hex") { Description = "The FRMPayload as hex; without it, one payload per line is read from stdin.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("decode", "Decode application-layer FRMPayloads into JSON commands.") { port, version, direction, hex };
        command.SetAction(result =>
        {
            var package = (AppLayerPackage)result.GetValue(port);
            PackageVersion v = CliOptions.ToVersion(result.GetValue(version));
            LinkDirection d = CliOptions.ToDirection(result.GetValue(direction)!);
            string? single = result.GetValue(hex);
            using var printer = new PayloadJsonPrinter(context.Output);
            if (single is not null)
            {
                return printer.Print(single, package, v, d) ? 0 : 2;
            }

            bool allGood = true;
            while (context.Input.ReadLine() is string line)
            {
                allGood &= printer.Print(line, package, v, d);
            }

            return allGood ? 0 : 2;
        });
        return command;
    }

    /// <summary>Decodes one payload and prints one JSON line; returns false when the payload was malformed.</summary>
    public static bool Decode(string hex, AppLayerPackage package, PackageVersion version, LinkDirection direction, TextWriter output) =>
        Print(hex, package, version, direction, output);

    private static bool Print(string hex, AppLayerPackage package, PackageVersion version, LinkDirection direction, TextWriter output)
    {
        using var printer = new PayloadJsonPrinter(output);
        return printer.Print(hex, package, version, direction);
    }
}

using System.CommandLine;
using System.Text.Json;
using LoRaFuota.Cli.Json;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota encode</c>: JSON commands to FRMPayload hex (the inverse of decode).</summary>
internal static class EncodeCommand
{
    public static Command Create(CliContext context)
    {
        Option<int> port = CliOptions.Port();
        Option<int> version = CliOptions.Version();
        Option<string> direction = CliOptions.Direction();
        var json = new Argument<string?>("json") { Description = "A JSON command object or array; without it, JSON Lines are read from stdin.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("encode", "Encode JSON commands into application-layer FRMPayload hex.") { port, version, direction, json };
        command.SetAction(result =>
        {
            var package = (AppLayerPackage)result.GetValue(port);
            PackageVersion v = CliOptions.ToVersion(result.GetValue(version));
            LinkDirection d = CliOptions.ToDirection(result.GetValue(direction)!);
            string? single = result.GetValue(json);
            if (single is not null)
            {
                context.Output.WriteLine(Encode(single, package, v, d));
                return 0;
            }

            bool allGood = true;
            int lineNumber = 0;
            while (context.Input.ReadLine() is string line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    context.Output.WriteLine(Encode(line, package, v, d));
                }
                catch (CliUsageException ex)
                {
                    context.Error.WriteLine($"line {lineNumber}: {ex.Message}");
                    allGood = false;
                }
            }

            return allGood ? 0 : 2;
        });
        return command;
    }

    private static string Encode(string json, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return Convert.ToHexStringLower(CommandJsonReader.Encode(document.RootElement, package, version, direction));
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"not JSON: {ex.Message}");
        }
    }
}

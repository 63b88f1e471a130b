using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using LoRaFuota.Cli.Json;
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
            if (single is not null)
            {
                return Decode(single, package, v, d, context.Output) ? 0 : 2;
            }

            bool allGood = true;
            while (context.Input.ReadLine() is string line)
            {
                allGood &= Decode(line, package, v, d, context.Output);
            }

            return allGood ? 0 : 2;
        });
        return command;
    }

    /// <summary>Decodes one payload and prints one JSON line; returns false when the payload was malformed.</summary>
    public static bool Decode(string hex, AppLayerPackage package, PackageVersion version, LinkDirection direction, TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        bool good;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            good = HexText.TryParseBytes(hex, out byte[] payload)
                ? WriteCommands(writer, buffer, payload, package, version, direction)
                : WriteError(writer, "invalid hex", 0);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        return good;
    }

    // One pass: the commands are written as they are read; a malformed payload discards them for the error object alone.
    private static bool WriteCommands(
        Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, byte[] payload, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        writer.WriteStartArray();
        var reader = new AppLayerPayloadReader(payload, package, version, direction);
        while (reader.Read())
        {
            CommandJsonWriter.Write(writer, reader.Command, reader.CommandBytes, version);
        }

        if (reader.Status != OperationStatus.Done)
        {
            writer.Reset();
            buffer.Clear();
            return WriteError(writer, reader.Error!, reader.ErrorOffset);
        }

        writer.WriteEndArray();
        return true;
    }

    private static bool WriteError(Utf8JsonWriter writer, string error, int offset)
    {
        writer.WriteStartObject();
        writer.WriteString("error", error);
        writer.WriteNumber("offset", offset);
        writer.WriteEndObject();
        return false;
    }
}

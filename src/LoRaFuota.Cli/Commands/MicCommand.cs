using System.CommandLine;
using System.Text.Json;
using LoRaFuota.Cli.Json;
using LoRaFuota.Security;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota mic</c>: the TS004 v2 data-block MIC of a file.</summary>
internal static class MicCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> key = CliOptions.Text("--key", "GenAppKey (LoRaWAN 1.0.x) or AppKey (1.1), 32 hex digits.", required: true);
        var sessionCnt = new Option<int>("--session-cnt") { Description = "SessionCnt of the FragSessionSetupReq (0 to 65535).", Required = true };
        var fragIndex = new Option<int>("--frag-index") { Description = "FragIndex (0 to 3).", Required = true };
        Option<string> descriptor = CliOptions.Text("--descriptor", "The 4-byte descriptor, 8 hex digits in wire order.", required: true);
        var input = new Option<FileInfo>("--input") { Description = "The data block, without padding.", Required = true };
        var command = new Command("mic", "Compute DataBlockIntKey and the TS004 v2 data-block MIC of a file.") { key, sessionCnt, fragIndex, descriptor, input };
        command.SetAction(result =>
        {
            Key128 rootKey = CliOptions.ParseKey(result.GetValue(key), "--key");
            int counter = result.GetValue(sessionCnt);
            int index = result.GetValue(fragIndex);
            if (counter is < 0 or > ushort.MaxValue)
            {
                throw new CliUsageException("--session-cnt must be 0 to 65535.");
            }

            if (index is < 0 or > 3)
            {
                throw new CliUsageException("--frag-index must be 0 to 3.");
            }

            if (!HexText.TryParseUInt32Wire(result.GetValue(descriptor), out uint wireDescriptor))
            {
                throw new CliUsageException("--descriptor must be 8 hex digits.");
            }

            byte[] block = CliFiles.ReadAll(result.GetValue(input)!);
            Key128 intKey = DataBlockIntegrity.DeriveDataBlockIntKey(rootKey);
            uint mic = DataBlockIntegrity.ComputeMic(intKey, (ushort)counter, (byte)index, wireDescriptor, block);

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("data_block_int_key", intKey.ToHexString());
                writer.WriteString("mic", HexText.FromUInt32Wire(mic));
                writer.WriteNumber("data_block_length", block.Length);
                writer.WriteEndObject();
            }

            context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return 0;
        });
        return command;
    }
}

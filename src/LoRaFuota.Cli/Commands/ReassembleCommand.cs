using System.CommandLine;
using System.Globalization;
using LoRaFuota.Cli.Json;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota reassemble</c>: DataFragment hex lines back to the data block.</summary>
internal static class ReassembleCommand
{
    /// <summary>The exit code when the fragments do not determine the block.</summary>
    public const int NotRecoverable = 3;

    public static Command Create(CliContext context)
    {
        var nbFrag = new Option<int>("--nb-frag") { Description = "M, the number of uncoded fragments.", Required = true };
        var fragmentSize = new Option<int>("--fragment-size") { Description = "FragSize in bytes.", Required = true };
        var padding = new Option<int>("--padding") { Description = "Padding bytes at the end of the last fragment.", Required = true };
        Option<int> ts004 = CliParity.Ts004();
        Option<string?> parity = CliParity.Parity();
        var input = new Option<FileInfo>("--input") { Description = "DataFragment FRMPayload hex, one per line, any order.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where the rebuilt block goes.", Required = true };
        var command = new Command("reassemble", "Rebuild a data block from DataFragment hex lines (any order, repeats and gaps allowed).")
        {
            nbFrag, fragmentSize, padding, ts004, parity, input, output,
        };
        command.SetAction(result =>
        {
            var options = new FragmentDecoderOptions
            {
                NbFrag = result.GetValue(nbFrag),
                FragSize = result.GetValue(fragmentSize),
                Padding = result.GetValue(padding),
                Variant = CliParity.Resolve(result.GetValue(ts004), result.GetValue(parity)),
            };
            FragmentDecoder decoder;
            try
            {
                decoder = new FragmentDecoder(options);
            }
            catch (ArgumentException ex)
            {
                throw CliUsageException.From(ex);
            }

            string[] lines = CliFiles.ReadLines(result.GetValue(input)!);
            int inconsistent = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                FragmentResult outcome = HexText.TryParseBytes(lines[i], out byte[] frame) ? decoder.Process(frame) : FragmentResult.Invalid;
                if (outcome == FragmentResult.Invalid)
                {
                    throw new CliUsageException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"line {i + 1}: not a DataFragment FRMPayload with {options.FragSize} payload bytes"));
                }

                inconsistent += outcome == FragmentResult.Inconsistent ? 1 : 0;
            }

            if (inconsistent > 0)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ignored {inconsistent} fragments that contradict earlier ones"));
            }

            if (!decoder.IsCompleted)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"not recoverable: rank {decoder.Rank} of {decoder.NbFrag}"));
                return NotRecoverable;
            }

            byte[] block = new byte[decoder.BlockLength];
            decoder.CopyBlockTo(block);
            File.WriteAllBytes(result.GetValue(output)!.FullName, block);
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rebuilt {block.Length} bytes from {decoder.FragmentsReceived} fragments ({decoder.UncodedReceived} of {decoder.NbFrag} uncoded received)"));
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using LoRaFuota.Cli.Output;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota fragment</c>: a file to DataFragment FRMPayloads, one hex line each.</summary>
internal static class FragmentCommand
{
    private const int MaxThreads = 64; // the encoder's limit

    public static Command Create(CliContext context)
    {
        var input = new Option<FileInfo>("--input") { Description = "The data block (firmware image).", Required = true };
        var fragmentSize = new Option<int>("--fragment-size") { Description = "FragSize in bytes, 1 to 255.", Required = true };
        var redundancy = new Option<int?>("--redundancy") { Description = "The number of coded fragments R." };
        var percent = new Option<double?>("--redundancy-percent") { Description = "R as a percentage of M, rounded up." };
        Option<int> ts004 = CliParity.Ts004();
        Option<string?> parity = CliParity.Parity();
        var fragIndex = new Option<int>("--frag-index") { Description = "FragIndex, 0 to 3.", DefaultValueFactory = _ => 0 };
        var command = new Command("fragment", "Cut a file into TS004 DataFragments (uncoded then coded), one FRMPayload hex per line.")
        {
            input, fragmentSize, redundancy, percent, ts004, parity, fragIndex,
        };
        command.SetAction(result =>
        {
            ParityVariant variant = CliParity.Resolve(result.GetValue(ts004), result.GetValue(parity));
            int index = result.GetValue(fragIndex);
            if (index is < 0 or > 3)
            {
                throw new CliUsageException("--frag-index must be 0 to 3.");
            }

            byte[] block = CliFiles.ReadAll(result.GetValue(input)!);
            FragmentEncoder encoder = CreateEncoder(block, result.GetValue(fragmentSize), variant);
            int r = Redundancy(encoder.Layout, result.GetValue(redundancy), result.GetValue(percent));
            Write(encoder, r, (byte)index, new HexLineWriter(context.Output, DataFragment.HeaderLength + encoder.FragSize));

            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{block.Length} bytes -> M = {encoder.NbFrag} uncoded + R = {r} coded fragments of {encoder.FragSize} bytes, padding {encoder.Layout.Padding}, parity {CliParity.Name(variant)}, FragIndex {index}"));
            return 0;
        });
        return command;
    }

    // Uncoded fragments straight from the block, coded ones through the batch path, BatchRows at a time.
    private static void Write(FragmentEncoder encoder, int redundancy, byte fragIndex, HexLineWriter output)
    {
        int fragSize = encoder.FragSize;
        Span<byte> header = stackalloc byte[DataFragment.HeaderLength];
        byte[] payloads = new byte[Math.Clamp(redundancy, 1, FragmentEncoder.BatchRows) * fragSize];
        for (int n = 1; n <= encoder.NbFrag; n++)
        {
            DataFragment.WriteHeader(header, fragIndex, n);
            encoder.WritePayload(n, payloads.AsSpan(0, fragSize));
            output.WriteLine(header, payloads.AsSpan(0, fragSize));
        }

        for (int done = 0; done < redundancy; done += FragmentEncoder.BatchRows)
        {
            int count = Math.Min(FragmentEncoder.BatchRows, redundancy - done);
            int firstN = encoder.NbFrag + done + 1;
            encoder.WriteCodedPayloads(firstN, count, payloads);
            for (int i = 0; i < count; i++)
            {
                DataFragment.WriteHeader(header, fragIndex, firstN + i);
                output.WriteLine(header, payloads.AsSpan(i * fragSize, fragSize));
            }
        }

        output.Flush();
    }

    private static FragmentEncoder CreateEncoder(byte[] block, int fragSize, ParityVariant variant)
    {
        try
        {
            return new FragmentEncoder(block, fragSize, variant, Math.Min(Environment.ProcessorCount, MaxThreads));
        }
        catch (ArgumentException ex)
        {
            throw CliUsageException.From(ex);
        }
    }

    private static int Redundancy(FragmentLayout layout, int? count, double? percent)
    {
        if (count.HasValue == percent.HasValue)
        {
            throw new CliUsageException("Give exactly one of --redundancy or --redundancy-percent.");
        }

        int r;
        try
        {
            r = count ?? layout.GetRedundancy(percent!.Value);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw CliUsageException.From(ex);
        }

        if (r < 0 || r > layout.MaxRedundancy)
        {
            throw new CliUsageException($"--redundancy must be 0 to {layout.MaxRedundancy} (M + R may not exceed 16383).");
        }

        return r;
    }
}

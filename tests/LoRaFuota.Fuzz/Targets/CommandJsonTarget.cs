using System.Text;
using System.Text.Json;
using LoRaFuota.Cli;
using LoRaFuota.Cli.Json;
using LoRaFuota.Cli.Output;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.Payloads;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// The CLI's JSON input (<c>lorafuota encode</c>): byte 0 picks port, version and direction, the rest is the text.
/// Bad JSON and bad commands are usage errors and nothing else; what encodes must decode whole and re-encode to the
/// same bytes.
/// </summary>
internal sealed class CommandJsonTarget : IFuzzTarget
{
    public string Name => "encode-json";

    public IReadOnlyList<byte[]> Seeds => FuzzSeeds.CommandJson;

    public int Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            return 0;
        }

        (AppLayerPackage package, PackageVersion version, LinkDirection direction) = FuzzSeeds.Selector(input[0]);
        string text = Encoding.UTF8.GetString(input[1..]);
        byte[] bytes;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            bytes = CommandJsonReader.Encode(document.RootElement, package, version, direction);
        }
        catch (JsonException)
        {
            return 1;
        }
        catch (CliUsageException ex)
        {
            FuzzFinding.Check(!ex.Message.Contains('\n', StringComparison.Ordinal) && ex.Message.Length > 0, "a usage error is one line");
            return HashCode.Combine(2, ex.Message.Length > 20 ? ex.Message[..20] : ex.Message);
        }

        var reader = new AppLayerPayloadReader(bytes, package, version, direction);
        while (reader.Read())
        {
        }

        FuzzFinding.Check(reader.Status == System.Buffers.OperationStatus.Done, $"what encode writes, the reader reads whole ({reader.Error})");
        using var output = new StringWriter();
        using (var printer = new PayloadJsonPrinter(output))
        {
            FuzzFinding.Check(printer.Print(Convert.ToHexString(bytes), package, version, direction), "what encode writes, decode prints");
        }

        using JsonDocument decoded = JsonDocument.Parse(output.ToString());
        FuzzFinding.Check(CommandJsonReader.Encode(decoded.RootElement, package, version, direction).AsSpan().SequenceEqual(bytes), "decode then encode gives the same bytes");
        return HashCode.Combine(3, input[0], bytes.Length > 0 ? bytes[0] : -1);
    }
}

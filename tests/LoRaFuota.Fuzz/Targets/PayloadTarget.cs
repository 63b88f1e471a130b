using System.Buffers;
using System.Text.Json;
using LoRaFuota.Cli.Json;
using LoRaFuota.Cli.Output;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.Payloads;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// Radio payloads: byte 0 picks the FPort package, version and direction; the rest is the FRMPayload. The payload
/// reader walks it, the CLI's decoder prints it (every record reader runs behind it), and whatever decodes must encode
/// back to JSON that decodes the same (decode ∘ encode ∘ decode = decode).
/// </summary>
internal sealed class PayloadTarget : IFuzzTarget
{
    public string Name => "payload";

    public IReadOnlyList<byte[]> Seeds => FuzzSeeds.Frames;

    public int Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            return 0;
        }

        (AppLayerPackage package, PackageVersion version, LinkDirection direction) = FuzzSeeds.Selector(input[0]);
        ReadOnlySpan<byte> payload = input[1..];
        var reader = new AppLayerPayloadReader(payload, package, version, direction);
        int commands = 0;
        int first = 0;
        while (reader.Read())
        {
            FuzzFinding.Check(reader.CommandBytes.Length > 0 && reader.BytesConsumed <= payload.Length, "the reader reports a command inside the payload");
            first = commands++ == 0 ? (int)reader.Command : first;
        }

        FuzzFinding.Check(reader.Status != OperationStatus.Done || reader.BytesConsumed == payload.Length, "a finished walk consumed the whole payload");
        FuzzFinding.Check(reader.Status == OperationStatus.Done || reader.Error is not null, "a failed walk says why");

        string json = Decode(payload, package, version, direction);
        if (reader.Status == OperationStatus.Done)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            byte[] again = CommandJsonReader.Encode(document.RootElement, package, version, direction);
            FuzzFinding.Check(Decode(again, package, version, direction) == json, "decoded JSON encodes to bytes that decode the same");
        }

        return HashCode.Combine(input[0], (int)reader.Status, Math.Min(commands, 8), first, reader.Error);
    }

    private static string Decode(ReadOnlySpan<byte> payload, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        using var output = new StringWriter();
        using var printer = new PayloadJsonPrinter(output);
        printer.Print(Convert.ToHexString(payload), package, version, direction);
        return output.ToString();
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using LoRaFuota.Cli.Json;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Output;

/// <summary>
/// Prints FRMPayloads as JSON lines: the array of commands, or <c>{"error", "offset"}</c> for a malformed payload.
/// One JSON writer and one pair of buffers serve every line.
/// </summary>
internal sealed class PayloadJsonPrinter : IDisposable
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _writer;
    private char[] _chars = new char[1024];
    private byte[] _payload = new byte[256];

    public PayloadJsonPrinter(TextWriter output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_json);
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Prints one line; returns false when the payload was malformed.</summary>
    public bool Print(string hex, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        bool good = TryParse(hex, out ReadOnlySpan<byte> payload)
            ? WriteCommands(payload, package, version, direction)
            : WriteError("invalid hex", 0);
        _writer.Flush();

        int needed = Encoding.UTF8.GetMaxCharCount(_json.WrittenCount);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        int count = Encoding.UTF8.GetChars(_json.WrittenSpan, _chars);
        _output.Write(_chars, 0, count);
        _output.WriteLine();
        return good;
    }

    // Plain hex digits decode without allocating; anything else takes the lenient parser (spaces, separators, 0x).
    private bool TryParse(string hex, out ReadOnlySpan<byte> payload)
    {
        if (hex.Length % 2 == 0)
        {
            if (hex.Length / 2 > _payload.Length)
            {
                _payload = new byte[hex.Length / 2];
            }

            if (Convert.FromHexString(hex, _payload, out _, out int written) == OperationStatus.Done)
            {
                payload = _payload.AsSpan(0, written);
                return true;
            }
        }

        bool parsed = HexText.TryParseBytes(hex, out byte[] bytes);
        payload = bytes;
        return parsed;
    }

    // One pass: the commands are written as they are read; a malformed payload discards them for the error object alone.
    private bool WriteCommands(ReadOnlySpan<byte> payload, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        _writer.WriteStartArray();
        var reader = new AppLayerPayloadReader(payload, package, version, direction);
        while (reader.Read())
        {
            CommandJsonWriter.Write(_writer, reader.Command, reader.CommandBytes, version);
        }

        if (reader.Status != OperationStatus.Done)
        {
            _writer.Reset();
            _json.ResetWrittenCount();
            return WriteError(reader.Error!, reader.ErrorOffset);
        }

        _writer.WriteEndArray();
        return true;
    }

    private bool WriteError(string error, int offset)
    {
        _writer.WriteStartObject();
        _writer.WriteString("error", error);
        _writer.WriteNumber("offset", offset);
        _writer.WriteEndObject();
        return false;
    }
}

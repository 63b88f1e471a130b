using System.Text.Json;

namespace LoRaFuota.Cli.Json;

/// <summary>Typed access to the fields of one command object; a missing field reads as 0, false or null.</summary>
internal readonly struct JsonFields(JsonElement element)
{
    public byte Byte(string name) => (byte)Integer(name, byte.MaxValue);

    public ushort UInt16(string name) => (ushort)Integer(name, ushort.MaxValue);

    public uint UInt32(string name) => (uint)Integer(name, uint.MaxValue);

    public int Int32(string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw new CliUsageException($"\"{name}\" must be a 32-bit signed integer.");
    }

    public uint? OptionalUInt32(string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? UInt32(name) : null;

    public bool Boolean(string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CliUsageException($"\"{name}\" must be true or false."),
        };
    }

    public uint WireUInt32(string name) =>
        HexText.TryParseUInt32Wire(String(name) ?? "00000000", out uint value)
            ? value
            : throw new CliUsageException($"\"{name}\" must be 8 hex digits in wire order.");

    public uint Address(string name) =>
        HexText.TryParseAddress(String(name) ?? "00000000", out uint value)
            ? value
            : throw new CliUsageException($"\"{name}\" must be 8 hex digits, most significant first.");

    public Key128 Key(string name) =>
        Key128.TryParse(String(name) ?? new string('0', 32), out Key128 key)
            ? key
            : throw new CliUsageException($"\"{name}\" must be 32 hex digits.");

    public byte[] Bytes(string name) =>
        HexText.TryParseBytes(String(name) ?? string.Empty, out byte[] bytes)
            ? bytes
            : throw new CliUsageException($"\"{name}\" must be hex digits.");

    public IEnumerable<JsonFields> Items(string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new CliUsageException($"\"{name}\" must be an array.");
        }

        foreach (JsonElement item in value.EnumerateArray())
        {
            yield return new JsonFields(item);
        }
    }

    public string? String(string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new CliUsageException($"\"{name}\" must be a string.");
    }

    private long Integer(string name, long max)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long result) || result < 0 || result > max)
        {
            throw new CliUsageException($"\"{name}\" must be an integer from 0 to {max}.");
        }

        return result;
    }
}

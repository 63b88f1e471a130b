using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>The fields an object may have: a property outside them, or one given twice, is a usage error naming it.</summary>
internal sealed class JsonObjectFields
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly string _expected;

    public JsonObjectFields(IEnumerable<string> names)
    {
        string[] all = [.. names];
        if (all.Length > 64)
        {
            throw new ArgumentException("At most 64 fields per object.", nameof(names));
        }

        _names = all;
        _utf8Names = [.. all.Select(Encoding.UTF8.GetBytes)];
        _expected = all.Length == 0 ? "no fields" : string.Join(", ", all.Select(name => $"\"{name}\""));
    }

    /// <summary>The number of fields.</summary>
    public int Count => _names.Length;

    /// <summary>Throws for a property that is not one of the fields or that appears twice.</summary>
    public void RejectUnknown(JsonElement element, string where) => Collect(element, where, []);

    /// <summary>
    /// One pass over the object: throws for a property that is not one of the fields or that appears twice, and puts
    /// field i's value in <paramref name="values"/>[i] when there is room (absent fields stay default).
    /// </summary>
    public void Collect(JsonElement element, string where, Span<JsonElement> values)
    {
        ulong seen = 0;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            int i = IndexOf(property);
            if (i < 0)
            {
                throw new CliUsageException($"{where}: unknown field {CommandJson.Quote(property.Name)} (expected {_expected}).");
            }

            if ((seen & (1UL << i)) != 0)
            {
                throw new CliUsageException($"{where}: field \"{property.Name}\" is given twice.");
            }

            seen |= 1UL << i;
            if (i < values.Length)
            {
                values[i] = property.Value;
            }
        }
    }

    // The raw UTF-8 name matches without making a string; an escaped name takes the slow, exact comparison.
    private int IndexOf(JsonProperty property)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(property);
        for (int i = 0; i < _utf8Names.Length; i++)
        {
            if (raw.SequenceEqual(_utf8Names[i]))
            {
                return i;
            }
        }

        return raw.IndexOf((byte)'\\') < 0 ? -1 : Array.IndexOf(_names, property.Name);
    }

    /// <summary>The value of a field that must be present and not null.</summary>
    public static JsonElement Required(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new CliUsageException($"{where}: missing field \"{name}\".");
}

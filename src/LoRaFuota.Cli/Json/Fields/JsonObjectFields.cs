using System.Text.Json;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>The strict-object rules shared by command objects and their nested items.</summary>
internal static class JsonObjectFields
{
    /// <summary>Throws for a property that is not in <paramref name="known"/> or that appears twice.</summary>
    public static void RejectUnknown(JsonElement element, IReadOnlyCollection<string> known, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new CliUsageException($"{where}: unknown field \"{property.Name}\" (expected {string.Join(", ", known.Select(k => $"\"{k}\""))}).");
            }

            if (!seen.Add(property.Name))
            {
                throw new CliUsageException($"{where}: field \"{property.Name}\" is given twice.");
            }
        }
    }

    /// <summary>The value of a field that must be present and not null.</summary>
    public static JsonElement Required(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new CliUsageException($"{where}: missing field \"{name}\".");
}

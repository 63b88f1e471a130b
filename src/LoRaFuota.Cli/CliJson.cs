using System.Text.Json;

namespace LoRaFuota.Cli;

/// <summary>One JSON object on one line, written with the tool's encoder (no escaping of non-ASCII text).</summary>
internal static class CliJson
{
    public static string Object(Action<Utf8JsonWriter> body) => Write(w =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    /// <summary>A JSON array of elements read from a service, on one line.</summary>
    public static string Array(IEnumerable<JsonElement> items) => Write(w =>
    {
        w.WriteStartArray();
        foreach (JsonElement item in items)
        {
            item.WriteTo(w);
        }

        w.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(w);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

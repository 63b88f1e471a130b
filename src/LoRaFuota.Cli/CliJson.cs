using System.Text.Json;

namespace LoRaFuota.Cli;

/// <summary>One JSON object on one line, written with the tool's encoder (no escaping of non-ASCII text).</summary>
internal static class CliJson
{
    public static string Object(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

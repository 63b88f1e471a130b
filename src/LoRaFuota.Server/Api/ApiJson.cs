using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LoRaFuota.Server.Api;

/// <summary>JSON written by hand (no reflection: the tool is published as Native AOT), one object per response.</summary>
internal static class ApiJson
{
    public static string Object(Action<Utf8JsonWriter> body) => Write(w =>
    {
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    });

    public static string Array<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> item) => Write(w =>
    {
        w.WriteStartArray();
        foreach (T entry in items)
        {
            item(w, entry);
        }

        w.WriteEndArray();
    });

    public static Task SendAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    public static void Nullable(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is DateTimeOffset at)
        {
            w.WriteString(name, at);
        }
        else
        {
            w.WriteNull(name);
        }
    }

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

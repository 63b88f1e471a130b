using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace LoRaFuota.Server.Api;

/// <summary>Reads a JSON request body; a body that is not the expected object gets a 400 that says what is wrong and where.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body, or answers 400 and returns null.</summary>
    /// <param name="context">The request.</param>
    /// <param name="type">The source-generated type.</param>
    /// <param name="what">What the body should be ("a campaign request").</param>
    /// <param name="expected">What a right body holds, for the message when it is empty or null.</param>
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string what, string expected)
        where T : class
    {
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await Problem.BadRequest(context, $"The body is not {what}: {ex.Message.Split(" Path:", 2)[0]} (at {ex.Path ?? "$"}).");
            return null;
        }

        if (value is null)
        {
            await Problem.BadRequest(context, $"The body must be a JSON object: {expected}.");
        }

        return value;
    }
}

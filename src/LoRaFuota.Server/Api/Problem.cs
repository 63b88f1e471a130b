using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LoRaFuota.Server.Api;

/// <summary>RFC 9457 problem details: what went wrong and what to fix, as <c>application/problem+json</c>.</summary>
internal static class Problem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(ApiJson.Object(w =>
        {
            w.WriteString("type", "about:blank");
            w.WriteString("title", title);
            w.WriteNumber("status", status);
            w.WriteString("detail", detail);
        }));
    }

    public static Task BadRequest(HttpContext context, string detail) => WriteAsync(context, StatusCodes.Status400BadRequest, "The request cannot be carried out as it is", detail);

    public static Task NotFound(HttpContext context, string detail) => WriteAsync(context, StatusCodes.Status404NotFound, "Not found", detail);

    public static Task Conflict(HttpContext context, string detail) => WriteAsync(context, StatusCodes.Status409Conflict, "Conflict", detail);
}

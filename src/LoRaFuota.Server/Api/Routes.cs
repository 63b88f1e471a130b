using Microsoft.AspNetCore.Http;

namespace LoRaFuota.Server.Api;

/// <summary>Route values read without model binding.</summary>
internal static class Routes
{
    public static bool TryGetId(HttpContext context, out Guid id) =>
        Guid.TryParse(context.Request.RouteValues["id"] as string, out id);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LoRaFuota.Server.Api;

/// <summary>
/// Every request needs one of the configured API keys, except <c>/health</c>: in <c>X-API-Key</c>, as
/// <c>Authorization: Bearer KEY</c>, or in the dashboard's cookie (set by <c>POST /login</c>). Keys are compared as
/// SHA-256 digests in constant time and never logged.
/// </summary>
internal sealed class ApiKeyCheck(FuotaServerOptions options)
{
    public const string CookieName = "lorafuota_api_key";
    private readonly byte[][] _digests = [.. options.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(Digest)];

    public static bool IsOpen(PathString path) => path == "/health" || path == "/login";

    public bool Accepts(HttpContext context)
    {
        string? key = context.Request.Headers["X-API-Key"].FirstOrDefault();
        string? authorization = context.Request.Headers.Authorization.FirstOrDefault();
        if (key is null && authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization["Bearer ".Length..].Trim();
        }

        key ??= context.Request.Cookies[CookieName];
        return Accepts(key);
    }

    public bool Accepts(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        byte[] digest = Digest(key);
        bool match = false;
        foreach (byte[] known in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, known);
        }

        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

using System.Reflection;
using LoRaFuota.Server.Api;
using LoRaFuota.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoRaFuota.Server;

/// <summary>Adds the LoRaFuota HTTP API, its OpenAPI document and the dashboard to an ASP.NET Core application.</summary>
public static class FuotaServerExtensions
{
    /// <summary>Registers the server's options; the application must also register an <see cref="IFuotaStore"/>, an <c>IDeviceKeyProvider</c> and a <see cref="TimeProvider"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLoRaFuotaServer(this IServiceCollection services, FuotaServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(new ApiKeyCheck(options));
        return services;
    }

    /// <summary>Adds the API-key check and maps <c>/health</c>, <c>/login</c>, the dashboard at <c>/</c>, <c>/openapi/v1.json</c> and the <c>/api/…</c> endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseLoRaFuotaServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ApiKeyCheck keys = app.Services.GetRequiredService<ApiKeyCheck>();
        app.Use(async (context, next) =>
        {
            if (ApiKeyCheck.IsOpen(context.Request.Path) || keys.Accepts(context))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            if (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(LoginPage).ConfigureAwait(false);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problem.WriteAsync(context, StatusCodes.Status401Unauthorized, "An API key is required", "Send one of the configured API keys in the X-API-Key header (or as Authorization: Bearer KEY).").ConfigureAwait(false);
        });
        app.MapGet("/health", HealthAsync);
        app.MapPost("/login", LoginAsync);
        app.MapGet("/", context => Resource(context, "dashboard.html", "text/html; charset=utf-8"));
        app.MapGet("/openapi/v1.json", context => Resource(context, "openapi.json", "application/json"));
        PackageEndpoints.Map(app);
        CampaignEndpoints.Map(app);
        AssignmentEndpoints.Map(app);
        return app;
    }

    private const string LoginPage =
        """
        <!doctype html><html lang="en"><meta charset="utf-8"><title>LoRaFuota</title>
        <body style="font-family:sans-serif;max-width:30em;margin:4em auto">
        <h1>LoRaFuota</h1><p>An API key is needed to see the campaigns.</p>
        <form method="post" action="/login"><input type="password" name="key" placeholder="API key" autofocus required>
        <button type="submit">Open the dashboard</button></form></body></html>
        """;

    private static async Task HealthAsync(HttpContext context)
    {
        FuotaServerOptions options = context.RequestServices.GetRequiredService<FuotaServerOptions>();
        bool healthy;
        try
        {
            await context.RequestServices.GetRequiredService<IFuotaStore>().GetCampaignAsync(Guid.Empty, context.RequestAborted).ConfigureAwait(false);
            healthy = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            healthy = false;
        }

        await ApiJson.SendAsync(
            context,
            ApiJson.Object(w =>
            {
                w.WriteString("status", healthy ? "ok" : "store_unavailable");
                w.WriteString("store", options.StoreName);
                w.WriteString("time", context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            }),
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
    }

    // The dashboard's login: the key in a form body becomes an HttpOnly, SameSite=Strict cookie.
    private static async Task LoginAsync(HttpContext context)
    {
        string? key = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["key"].FirstOrDefault() : null;
        if (!context.RequestServices.GetRequiredService<ApiKeyCheck>().Accepts(key))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(LoginPage).ConfigureAwait(false);
            return;
        }

        context.Response.Cookies.Append(ApiKeyCheck.CookieName, key!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
        context.Response.Redirect("/", permanent: false);
    }

    private static async Task Resource(HttpContext context, string name, string contentType)
    {
        await using Stream stream = typeof(FuotaServerExtensions).Assembly.GetManifestResourceStream(name)!;
        context.Response.ContentType = contentType;
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}

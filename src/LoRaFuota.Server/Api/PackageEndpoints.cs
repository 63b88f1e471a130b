using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoRaFuota.Server.Api;

/// <summary>The package repository: upload (the body is the bytes, the metadata in the query), list, get, download, delete.</summary>
internal static class PackageEndpoints
{
    private const long MaxUpload = 8 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/api/packages", UploadAsync);
        api.MapGet("/api/packages", async context => await ApiJson.SendAsync(context, ApiJson.Array(await Store(context).ListPackagesAsync(context.RequestAborted), Write)));
        api.MapGet("/api/packages/{id}", GetAsync);
        api.MapGet("/api/packages/{id}/content", DownloadAsync);
        api.MapDelete("/api/packages/{id}", DeleteAsync);
    }

    public static void Write(Utf8JsonWriter w, StoredPackage package)
    {
        w.WriteStartObject();
        WriteFields(w, package);
        w.WriteEndObject();
    }

    private static IFuotaStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IFuotaStore>();

    private static async Task UploadAsync(HttpContext context)
    {
        IQueryCollection query = context.Request.Query;
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUpload + 1; // the server stops reading a larger body, declared or chunked
        }

        if (context.Request.ContentLength > MaxUpload)
        {
            await Problem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Too large", $"A package is at most {MaxUpload} bytes.");
            return;
        }

        string type = query["type"].FirstOrDefault() ?? "firmware";
        if (type is not ("firmware" or "software"))
        {
            await Problem.BadRequest(context, "type must be firmware or software.");
            return;
        }

        using var body = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Too large", $"A package is at most {MaxUpload} bytes.");
            return;
        }

        if (body.Length > MaxUpload)
        {
            await Problem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Too large", $"A package is at most {MaxUpload} bytes.");
            return;
        }

        if (Signing.FirmwarePackage.HasMagic(body.GetBuffer().AsSpan(0, (int)body.Length)) && SignedPackageProblem(body.ToArray(), query) is string problem)
        {
            await Problem.BadRequest(context, problem);
            return;
        }

        var package = new NewPackage
        {
            Title = query["title"].FirstOrDefault() ?? string.Empty,
            Version = query["version"].FirstOrDefault() ?? string.Empty,
            Type = type == "software" ? FirmwareType.Software : FirmwareType.Firmware,
            ChecksumAlgorithm = query["checksum_algorithm"].FirstOrDefault() ?? "SHA256",
            Checksum = query["checksum"].FirstOrDefault(),
            Description = query["description"].FirstOrDefault(),
            Content = body.ToArray(),
        };
        try
        {
            StoredPackage stored = await Store(context).AddPackageAsync(package, context.RequestAborted);
            context.Response.Headers.Location = $"/api/packages/{stored.Id}";
            await ApiJson.SendAsync(context, ApiJson.Object(w => WriteFields(w, stored)), StatusCodes.Status201Created);
        }
        catch (ArgumentException ex)
        {
            await Problem.BadRequest(context, ex.Message.Split(" (Parameter", 2)[0] + " Give title and version in the query and the bytes as the body.");
        }
        catch (PackageConflictException ex)
        {
            await Problem.Conflict(context, ex.Message);
        }
    }

    // A signed package (docs/packages.md) must be whole, and say what the query says: devices install what its manifest
    // names, so a title or version that differ would make the repository lie about what the campaign sends.
    private static string? SignedPackageProblem(byte[] bytes, IQueryCollection query)
    {
        if (Signing.FirmwarePackage.TryRead(bytes, out Signing.FirmwarePackage? signed) is string broken)
        {
            return $"The body starts like a signed package (LFPK) but is not one: {broken}";
        }

        Signing.FirmwareManifest manifest = signed!.Manifest;
        string? version = query["version"].FirstOrDefault();
        string? title = query["title"].FirstOrDefault();
        if (version is not null && version != manifest.Version)
        {
            return $"version {version} differs from the signed manifest's {manifest.Version}; upload it as version {manifest.Version}.";
        }

        return title is not null && title != manifest.Title
            ? $"title {title} differs from the signed manifest's {manifest.Title}; upload it as title {manifest.Title}."
            : null;
    }

    private static async Task GetAsync(HttpContext context)
    {
        if (await FindAsync(context, withContent: false) is StoredPackage package)
        {
            await ApiJson.SendAsync(context, ApiJson.Object(w => WriteFields(w, package)));
        }
    }

    private static async Task DownloadAsync(HttpContext context)
    {
        if (await FindAsync(context, withContent: true) is StoredPackage package)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{package.Id}.bin\"";
            await context.Response.Body.WriteAsync(package.Content, context.RequestAborted);
        }
    }

    private static async Task DeleteAsync(HttpContext context)
    {
        if (!Routes.TryGetId(context, out Guid id))
        {
            await Problem.NotFound(context, "No package has that id.");
            return;
        }

        try
        {
            if (await Store(context).DeletePackageAsync(id, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            else
            {
                await Problem.NotFound(context, $"Package {id} does not exist.");
            }
        }
        catch (PackageInUseException ex)
        {
            await Problem.Conflict(context, ex.Message);
        }
    }

    private static async Task<StoredPackage?> FindAsync(HttpContext context, bool withContent)
    {
        StoredPackage? package = Routes.TryGetId(context, out Guid id) ? await Store(context).GetPackageAsync(id, withContent, context.RequestAborted) : null;
        if (package is null)
        {
            await Problem.NotFound(context, "No package has that id.");
        }

        return package;
    }

    // The fields of one package inside an object already started.
    private static void WriteFields(Utf8JsonWriter w, StoredPackage package)
    {
        w.WriteString("id", package.Id);
        w.WriteString("title", package.Title);
        w.WriteString("version", package.Version);
        w.WriteString("type", package.Type == FirmwareType.Software ? "software" : "firmware");
        w.WriteString("checksum_algorithm", package.ChecksumAlgorithm);
        w.WriteString("checksum", package.Checksum);
        w.WriteString("sha256", package.Sha256);
        ApiJson.Nullable(w, "description", package.Description);
        w.WriteNumber("size", package.Size);
        w.WriteString("created_at", package.CreatedAt);
    }
}

using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Service.Campaigns;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoRaFuota.Server.Api;

/// <summary>Campaigns: create from a package, devices and parameters; list, report, cancel, devices, history, plan, live progress.</summary>
internal static class CampaignEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/api/campaigns", CreateAsync);
        api.MapGet("/api/campaigns", ListAsync);
        api.MapGet("/api/campaigns/{id}", async context => await WithReportAsync(context, report => ApiJson.SendAsync(context, report.ToJson())));
        api.MapPost("/api/campaigns/{id}/cancel", CancelAsync);
        api.MapGet("/api/campaigns/{id}/devices", async context => await WithReportAsync(context, report => ApiJson.SendAsync(context, ApiJson.Array(report.Devices, report.WriteDevice))));
        api.MapGet("/api/campaigns/{id}/devices/{eui}/history", HistoryAsync);
        api.MapGet("/api/campaigns/{id}/plan", PlanAsync);
        api.MapGet("/api/campaigns/{id}/progress", ProgressStream.RunAsync);
        api.MapGet("/api/campaigns/{id}/timeline.svg", async context => await WithReportAsync(context, report =>
        {
            context.Response.ContentType = "image/svg+xml";
            return context.Response.WriteAsync(Dashboard.TimelineSvg.Render(report));
        }));
    }

    private static IFuotaStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IFuotaStore>();

    private static async Task CreateAsync(HttpContext context)
    {
        CampaignRequest? request = await RequestBody.ReadAsync(context, RequestJsonContext.Default.CampaignRequest, "a campaign request", "package_id, devices, region, dr, class and one of redundancy, redundancy_percent or target_success");
        if (request is null)
        {
            return;
        }

        IFuotaStore store = Store(context);
        StoredPackage? package = await store.GetPackageAsync(request.PackageId, withContent: true, context.RequestAborted);
        if (package is null)
        {
            await Problem.BadRequest(context, $"package_id {request.PackageId} names no package; upload it first (POST /api/packages).");
            return;
        }

        FuotaServerOptions options = context.RequestServices.GetRequiredService<FuotaServerOptions>();
        request.DevicesPerMinute ??= options.DevicesPerMinute;
        NewCampaign record;
        try
        {
            record = CampaignFactory.Create(
                request,
                package,
                context.RequestServices.GetRequiredService<IDeviceKeyProvider>(),
                context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                options.ServerSpacing,
                options.DownlinkLeadTime).Record;
        }
        catch (ArgumentException ex)
        {
            await Problem.BadRequest(context, ex.Message.Split(" (Parameter", 2)[0]);
            return;
        }

        StoredCampaign stored;
        try
        {
            stored = await store.CreateCampaignAsync(record, context.RequestAborted);
        }
        catch (DeviceBusyException ex)
        {
            await Problem.Conflict(context, ex.Message);
            return;
        }

        context.Response.Headers.Location = $"/api/campaigns/{stored.Id}";
        CampaignReport report = (await CampaignReport.ReadAsync(store, stored.Id, context.RequestAborted))!;
        await ApiJson.SendAsync(context, report.ToJson(), StatusCodes.Status201Created);
    }

    private static async Task ListAsync(HttpContext context)
    {
        IFuotaStore store = Store(context);
        IReadOnlyList<StoredCampaign> campaigns = await store.ListCampaignsAsync(context.RequestAborted);
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<OtaState, int>> counts = await store.CountDevicesAsync(context.RequestAborted); // one query for all
        await ApiJson.SendAsync(context, ApiJson.Array(campaigns, (w, campaign) =>
        {
            w.WriteStartObject();
            CampaignReport.WriteSummary(w, campaign, counts.TryGetValue(campaign.Id, out IReadOnlyDictionary<OtaState, int>? states) ? states : new Dictionary<OtaState, int>());
            w.WriteEndObject();
        }));
    }

    private static async Task CancelAsync(HttpContext context)
    {
        if (!Routes.TryGetId(context, out Guid id))
        {
            await Problem.NotFound(context, "No campaign has that id.");
            return;
        }

        try
        {
            if (!await Store(context).RequestCancelAsync(id, context.RequestAborted))
            {
                await Problem.Conflict(context, $"Campaign {id} has already ended.");
                return;
            }
        }
        catch (NotFoundException ex)
        {
            await Problem.NotFound(context, ex.Message);
            return;
        }

        await WithReportAsync(context, report => ApiJson.SendAsync(context, report.ToJson(), StatusCodes.Status202Accepted));
    }

    private static async Task HistoryAsync(HttpContext context)
    {
        if (!DevEui.TryParse(context.Request.RouteValues["eui"] as string, out DevEui eui))
        {
            await Problem.BadRequest(context, "The device must be given as its DevEUI, 16 hex digits.");
            return;
        }

        await WithReportAsync(context, async report =>
        {
            if (!report.Devices.Any(d => d.DevEui == eui))
            {
                await Problem.NotFound(context, $"Device {eui} is not in campaign {report.Campaign.Id}.");
                return;
            }

            await ApiJson.SendAsync(context, ApiJson.Array(report.History.Where(h => h.DevEui == eui), CampaignReport.WriteChange));
        });
    }

    private static async Task PlanAsync(HttpContext context) =>
        await WithReportAsync(context, report => ApiJson.SendAsync(context, report.Campaign.Plan ?? "{}"));

    private static async Task WithReportAsync(HttpContext context, Func<CampaignReport, Task> send)
    {
        CampaignReport? report = Routes.TryGetId(context, out Guid id) ? await CampaignReport.ReadAsync(Store(context), id, context.RequestAborted) : null;
        if (report is null)
        {
            await Problem.NotFound(context, "No campaign has that id.");
            return;
        }

        await send(report);
    }
}

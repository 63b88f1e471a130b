using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoRaFuota.Server.Api;

/// <summary>
/// Server-sent events: the campaign's report each time it changes (a new revision), then <c>event: end</c> once it has
/// ended. The dashboard and <c>lorafuota campaign watch</c> follow a campaign with it.
/// </summary>
internal static class ProgressStream
{
    public static async Task RunAsync(HttpContext context)
    {
        IFuotaStore store = context.RequestServices.GetRequiredService<IFuotaStore>();
        FuotaServerOptions options = context.RequestServices.GetRequiredService<FuotaServerOptions>();
        if (!Routes.TryGetId(context, out Guid id) || await store.GetCampaignAsync(id, context.RequestAborted) is null)
        {
            await Problem.NotFound(context, "No campaign has that id.");
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        long sent = -1;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                // One cheap read a tick; the whole report (devices, history, deliveries) only when something was written.
                StoredCampaign campaign = (await store.GetCampaignAsync(id, context.RequestAborted))!;
                if (campaign.Revision != sent)
                {
                    sent = campaign.Revision;
                    CampaignReport report = await CampaignReport.ReadAsync(store, campaign, context.RequestAborted);
                    await context.Response.WriteAsync($"event: report\ndata: {report.ToJson()}\n\n", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                if (campaign.State != CampaignState.Running)
                {
                    await context.Response.WriteAsync("event: end\ndata: {}\n\n", context.RequestAborted);
                    return;
                }

                // Real time, not the campaign's (possibly scaled) clock: this is how often a person's screen refreshes.
                await Task.Delay(options.ProgressInterval, TimeProvider.System, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoRaFuota.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoRaFuota.Server.Tests;

/// <summary>The service's metrics (meter <c>LoRaFuota</c>) reach an OTLP/HTTP collector while a campaign runs.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-metrics-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_running_campaign_exports_its_counters_over_otlp()
    {
        var received = new List<byte[]>();
        WebApplicationBuilder collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        collectorBuilder.Logging.ClearProviders();
        await using WebApplication collector = collectorBuilder.Build();
        collector.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (received)
            {
                received.Add(body.ToArray());
            }
        });
        await collector.StartAsync();
        string config = Path.Combine(_temp.Path, "otlp.json");
        await File.WriteAllTextAsync(config, $$$"""{"Otlp": {"Endpoint": "{{{collector.Urls.First()}}}/v1/metrics", "IntervalSeconds": 0.5} }""");

        await using ServeRun serve = await ServeRun.StartAsync("--config", config, "--db", $"sqlite:{Path.Combine(_temp.Path, "m.db")}", "--api-key", "m", "--time-scale", "100", "--fleet", TestFleet.Write(_temp.Path, 2));
        using HttpClient client = serve.Client("m");
        using var image = new ByteArrayContent(RandomNumberGenerator.GetBytes(2000));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        JsonElement package = await (await client.PostAsync(new Uri("/api/packages?title=fw&version=2.0.0", UriKind.Relative), image)).Content.ReadFromJsonAsync<JsonElement>();
        using var request = new StringContent($$"""{"package_id": "{{package.GetProperty("id")}}", "devices": [{{TestFleet.Request(2)}}], "region": "EU868", "dr": 5, "class": "C", "redundancy_percent": 30}""", Encoding.UTF8, "application/json");
        await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), request);

        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        bool exported = false;
        while (!exported && wall.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(250);
            lock (received)
            {
                exported = received.Any(b => Contains(b, "lorafuota.fragments.sent")) && received.Any(b => Contains(b, "lorafuota.uplinks.received"));
            }
        }

        Assert.True(exported, "no OTLP export carried the campaign's counters");
        lock (received)
        {
            Assert.Contains(received, b => Contains(b, "LoRaFuota")); // the meter's name
        }
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}

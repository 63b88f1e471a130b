using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>The dashboard in a real headless Chromium: it follows a campaign live to the end; the screenshot is kept as an artifact.</summary>
public sealed class DashboardBrowserTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-dashboard-");

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task The_dashboard_shows_a_campaign_progress_to_the_end()
    {
        await using HeadlessChromium browser = await HeadlessChromium.StartAsync();
        await using ServeRun serve = await ServeRun.StartAsync("--db", $"sqlite:{Path.Combine(_temp.Path, "d.db")}", "--api-key", "dash", "--time-scale", "100", "--fleet", TestFleet.Write(_temp.Path, 5));
        using HttpClient client = serve.Client("dash");
        using var image = new ByteArrayContent(RandomNumberGenerator.GetBytes(4000));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        JsonElement package = await (await client.PostAsync(new Uri("/api/packages?title=sensor&version=3.0.0", UriKind.Relative), image)).Content.ReadFromJsonAsync<JsonElement>();
        string devices = TestFleet.Request(5);
        using var request = new StringContent($$"""{"name": "dashboard run", "package_id": "{{package.GetProperty("id")}}", "devices": [{{devices}}], "region": "EU868", "dr": 5, "class": "C", "redundancy_percent": 40}""", System.Text.Encoding.UTF8, "application/json");
        string id = (await (await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await browser.SetHeadersAsync(new Dictionary<string, string> { ["X-API-Key"] = "dash" });
        await browser.NavigateAsync(new Uri(serve.Address, $"/#{id}"));
        var seen = new List<string>();
        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        string state = string.Empty;
        while (wall.Elapsed < TimeSpan.FromSeconds(120))
        {
            JsonElement value = await browser.EvaluateAsync("document.getElementById('campaign-state')?.textContent + ' ' + document.getElementById('updated-count')?.textContent");
            state = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
            if (seen.Count == 0 || seen[^1] != state)
            {
                seen.Add(state);
            }

            if (state.StartsWith("completed", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250);
        }

        await Task.Delay(500); // the last report's timeline image
        byte[] screenshot = await browser.ScreenshotAsync();
        string artifacts = Environment.GetEnvironmentVariable("LORAFUOTA_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        string file = Path.Combine(artifacts, "dashboard.png");
        await File.WriteAllBytesAsync(file, screenshot);
        log.WriteLine($"states seen: {string.Join(" → ", seen)}; screenshot {file} ({screenshot.Length} bytes)");

        Assert.Equal("completed 5", state);
        Assert.Contains(seen, s => s.StartsWith("running", StringComparison.Ordinal)); // it was followed live, not only loaded at the end
        JsonElement rows = await browser.EvaluateAsync("[...document.querySelectorAll('#devices .device-state')].map(e => e.textContent).join(',')");
        Assert.Equal("UPDATED,UPDATED,UPDATED,UPDATED,UPDATED", rows.GetString());
        JsonElement timeline = await browser.EvaluateAsync("document.querySelector('#timeline img')?.naturalWidth ?? 0");
        Assert.True(timeline.GetInt32() > 0, "the timeline SVG did not load");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], screenshot[..4]);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>
/// Load on one instance: many campaigns at once through <c>lorafuota serve</c> and its built-in emulator, while a client
/// keeps calling the API. CI runs a small size; <c>LORAFUOTA_LOAD=50x200</c> (campaigns × devices) runs the size
/// docs/performance.md reports, <c>LORAFUOTA_LOAD_SCALE</c> sets the clock (default 50×) and <c>LORAFUOTA_LOAD_DB</c>
/// a database (default SQLite in a temp dir). The test checks that every campaign completes with every device updated;
/// the numbers (throughput, API latency, memory) go to the test log.
/// </summary>
public sealed class LoadTests(ITestOutputHelper log) : IDisposable
{
    private const string Key = "load";
    private readonly TempDirectory _temp = new("lorafuota-load-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Many_campaigns_at_once_on_one_instance_all_complete_while_the_api_answers()
    {
        (int campaigns, int perCampaign) = Size(Environment.GetEnvironmentVariable("LORAFUOTA_LOAD") ?? "4x25");
        double scale = double.Parse(Environment.GetEnvironmentVariable("LORAFUOTA_LOAD_SCALE") ?? "50", CultureInfo.InvariantCulture);
        string db = Environment.GetEnvironmentVariable("LORAFUOTA_LOAD_DB") ?? $"sqlite:{Path.Combine(_temp.Path, "load.db")}";
        int total = campaigns * perCampaign;
        string fleet = TestFleet.Write(_temp.Path, total);
        using ServiceProcess service = await ServiceProcess.StartAsync("--db", db, "--api-key", Key, "--time-scale", scale.ToString(CultureInfo.InvariantCulture), "--fleet", fleet, "--devices-per-minute", "100");
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-API-Key", Key);
        using var image = new ByteArrayContent(RandomNumberGenerator.GetBytes(8000));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        string package = (await (await client.PostAsync(new Uri("/api/packages?title=fw&version=2.0.0", UriKind.Relative), image)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var create = new List<double>();
        var ids = new List<string>();
        string[] devices = [.. TestFleet.Devices(total).Select(d => $$"""{"dev_eui": "{{d.DevEui}}", "uplink_interval_s": {{TestFleet.UplinkSeconds}}}""")];
        var wall = Stopwatch.StartNew(); // measurements for the log and a bound on the test; nothing is asserted on them
        for (int c = 0; c < campaigns; c++)
        {
            string body = $$"""{"package_id": "{{package}}", "devices": [{{string.Join(',', devices.Skip(c * perCampaign).Take(perCampaign))}}], "region": "EU868", "dr": 5, "class": "C", "redundancy_percent": 30}""";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            long started = Stopwatch.GetTimestamp();
            HttpResponseMessage response = await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), content);
            create.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            ids.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!);
        }

        var list = new List<double>();
        var report = new List<double>();
        long peakSeen = 0;
        JsonElement[] summaries = [];
        TimeSpan limit = TimeSpan.FromMinutes(campaigns * perCampaign > 1000 ? 30 : 5);
        while (wall.Elapsed < limit)
        {
            long started = Stopwatch.GetTimestamp();
            summaries = [.. (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/campaigns", UriKind.Relative))).EnumerateArray()];
            list.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{ids[list.Count % ids.Count]}", UriKind.Relative));
            report.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            peakSeen = Math.Max(peakSeen, service.Memory.Resident);
            if (summaries.All(s => s.GetProperty("state").GetString() != "running"))
            {
                break;
            }

            await Task.Delay(1000);
        }

        TimeSpan elapsed = wall.Elapsed;
        (long _, long peak) = service.Memory;
        int updated = summaries.Sum(s => s.GetProperty("updated").GetInt32());
        DateTimeOffset first = summaries.Min(s => s.GetProperty("created_at").GetDateTimeOffset());
        DateTimeOffset last = summaries.Max(s => s.GetProperty("ended_at").ValueKind == JsonValueKind.Null ? first : s.GetProperty("ended_at").GetDateTimeOffset());
        int fragments = 0;
        var outcomes = new Dictionary<string, int>();
        foreach (string id in ids)
        {
            JsonElement full = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{id}", UriKind.Relative));
            fragments += full.GetProperty("fragments_sent").GetInt32();
            foreach (JsonElement device in full.GetProperty("device_results").EnumerateArray())
            {
                string outcome = device.GetProperty("state").GetString() + (device.GetProperty("failure_reason").GetString() is string reason ? " " + reason : string.Empty);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        log.WriteLine($"{campaigns} campaigns × {perCampaign} devices at {scale}×, {db.Split(':')[0]}: {updated} of {total} updated in {elapsed.TotalSeconds:F0} s wall ({(last - first).TotalMinutes:F0} virtual min)");
        log.WriteLine("devices: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        log.WriteLine($"throughput: {updated / elapsed.TotalSeconds:F1} devices updated/s, {fragments} fragments ({fragments / elapsed.TotalSeconds:F1}/s)");
        log.WriteLine($"POST /api/campaigns ({perCampaign} devices): {Percentiles(create)}");
        log.WriteLine($"GET /api/campaigns (all {campaigns}): {Percentiles(list)}");
        log.WriteLine($"GET /api/campaigns/{{id}} (report with history): {Percentiles(report)}");
        log.WriteLine($"memory: peak resident {peak / 1048576.0:F0} MiB (VmHWM), highest sampled {peakSeen / 1048576.0:F0} MiB");
        Assert.All(summaries, s => Assert.Equal("completed", s.GetProperty("state").GetString()));
        Assert.Equal(total, updated);
    }

    private static (int Campaigns, int Devices) Size(string text)
    {
        string[] parts = text.Split('x');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string Percentiles(List<double> milliseconds)
    {
        double[] sorted = [.. milliseconds.Order()];
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"n = {sorted.Length}, p50 {At(0.5):F1} ms, p95 {At(0.95):F1} ms, max {sorted[^1]:F1} ms");
    }
}

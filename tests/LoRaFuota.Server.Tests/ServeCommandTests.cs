using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;
using LoRaFuota.Testing;

namespace LoRaFuota.Server.Tests;

/// <summary><c>lorafuota serve</c> with the built-in emulator: a dry run through the real command, its port and its SQLite file.</summary>
public sealed class ServeCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-serve-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public Task A_dry_run_with_the_emulator_updates_every_device() => DryRunAsync($"sqlite:{Path.Combine(_temp.Path, "s.db")}");

    [SkippableFact]
    public async Task A_dry_run_on_postgresql_updates_every_device()
    {
        using PostgreSqlServer database = PostgreSqlServer.CreateDatabase();
        await DryRunAsync("postgres:" + database.ConnectionString);
    }

    [Fact]
    public async Task A_package_over_8_MiB_is_refused_whether_its_length_is_declared_or_not()
    {
        await using ServeRun serve = await ServeRun.StartAsync("--db", $"sqlite:{Path.Combine(_temp.Path, "big.db")}", "--api-key", "k");
        using HttpClient client = serve.Client("k");
        byte[] big = new byte[(8 * 1024 * 1024) + 1];
        using var declared = new ByteArrayContent(big);
        using var chunked = new StreamContent(new MemoryStream(big)); // no Content-Length: sent chunked
        chunked.Headers.ContentLength = null;

        HttpResponseMessage first = await client.PostAsync(new Uri("/api/packages?title=big&version=1", UriKind.Relative), declared);
        HttpResponseMessage second = await client.PostAsync(new Uri("/api/packages?title=big&version=2", UriKind.Relative), chunked);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, first.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        Assert.Equal("[]", await client.GetStringAsync(new Uri("/api/packages", UriKind.Relative)));
    }

    private async Task DryRunAsync(string db)
    {
        await using ServeRun serve = await ServeRun.StartAsync("--db", db, "--api-key", "k1", "--time-scale", "100", "--fleet", TestFleet.Write(_temp.Path, 4));
        using HttpClient client = serve.Client("k1");
        using var image = new ByteArrayContent(RandomNumberGenerator.GetBytes(3000));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        JsonElement package = await (await client.PostAsync(new Uri("/api/packages?title=fw&version=2.0.0", UriKind.Relative), image)).Content.ReadFromJsonAsync<JsonElement>();
        string devices = TestFleet.Request(4);
        using var request = new StringContent($$"""{"package_id": "{{package.GetProperty("id")}}", "devices": [{{devices}}], "region": "EU868", "dr": 5, "class": "C", "redundancy_percent": 30}""", System.Text.Encoding.UTF8, "application/json");
        JsonElement created = await (await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), request)).Content.ReadFromJsonAsync<JsonElement>();
        JsonElement report = created;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while (report.GetProperty("state").GetString() == "running" && wall.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(200);
            report = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{created.GetProperty("id")}", UriKind.Relative));
        }

        log.WriteLine(await client.GetStringAsync(new Uri($"/api/campaigns/{created.GetProperty("id")}/plan", UriKind.Relative)));
        log.WriteLine(report.GetProperty("fragments_sent").ToString());
        log.WriteLine(string.Join("; ", report.GetProperty("device_results").EnumerateArray().Select(d => $"{d.GetProperty("state")} {d.GetProperty("failure_reason")} {string.Join(",", d.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()))}")));
        log.WriteLine(serve.Error);
        Assert.Equal(4, report.GetProperty("updated").GetInt32());
        Assert.Equal(0, await serve.StopAsync());
    }
}

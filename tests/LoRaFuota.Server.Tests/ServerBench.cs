using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Regions;
using LoRaFuota.Service;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoRaFuota.Server.Tests;

/// <summary>The service in process: SQLite, the emulated devices behind a simulated network server, the worker and the API, on a fast clock.</summary>
internal sealed class ServerBench : IAsyncDisposable
{
    public const string Key = "test-key-1";
    private readonly WebApplication _app;
    private readonly string _directory;

    private ServerBench(WebApplication app, string directory, SimulatedFleet fleet, IFuotaStore store)
    {
        _app = app;
        _directory = directory;
        Fleet = fleet;
        Store = store;
        Client = app.GetTestClient();
        Client.DefaultRequestHeaders.Add("X-API-Key", Key);
    }

    public HttpClient Client { get; }

    public SimulatedFleet Fleet { get; }

    public IFuotaStore Store { get; }

    public HttpClient Anonymous() => _app.GetTestClient();

    /// <summary>Every route the application maps, with its method.</summary>
    public IEnumerable<(string Method, string Pattern)> Endpoints() =>
        ((IEndpointRouteBuilder)_app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText ?? string.Empty)));

    public static async Task<ServerBench> StartAsync(int devices = 4, double scale = 100)
    {
        string directory = Directory.CreateTempSubdirectory("lorafuota-server-").FullName;
        var clock = new ScaledTimeProvider(scale);
        var store = new SqliteFuotaStore(Path.Combine(directory, "s.db"), clock);
        await store.MigrateAsync();
        RegionalParameters region = RegionalParameters.Get(Region.EU868);
        Func<string, string?> versions = sha => store.ListPackagesAsync().GetAwaiter().GetResult().FirstOrDefault(p => p.Sha256 == sha)?.Version;
        SimulatedFleet fleet = CampaignSimulator.CreateFleet(new SimulationOptions { Fleet = TestFleet.Devices(devices), Region = region, RawImageVersion = versions });
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IFuotaStore>(store);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IDeviceKeyProvider>(fleet.Keys);
        builder.Services.AddSingleton<IFuotaTransport>(_ => new SimulatedNetworkServer(new SimulatedNetwork(region, 5, fleet.Devices), clock));
        var options = new FuotaServerOptions { ProgressInterval = TimeSpan.FromMilliseconds(50) };
        options.ApiKeys.Add(Key);
        builder.Services.AddLoRaFuotaServer(options);
        var worker = new CampaignWorkerOptions { Owner = "test", LeaseDuration = TimeSpan.FromSeconds(30 * scale), RenewInterval = TimeSpan.FromSeconds(10 * scale), PollInterval = TimeSpan.FromSeconds(2 * scale) };
        builder.Services.AddHostedService(sp => new CampaignWorker(store, sp.GetRequiredService<IFuotaTransport>(), fleet.Keys, worker, clock));
        WebApplication app = builder.Build();
        app.UseLoRaFuotaServer();
        await app.StartAsync();
        return new ServerBench(app, directory, fleet, store);
    }

    public async Task<JsonElement> UploadAsync(byte[] content, string title = "fw", string version = "2.0.0")
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage response = await Client.PostAsync(new Uri($"/api/packages?title={title}&version={version}", UriKind.Relative), body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> CreateCampaignAsync(string packageId, string extra = "\"redundancy_percent\": 30")
    {
        string devices = TestFleet.Request(Fleet.Devices.Count);
        using var body = new StringContent($$"""{"package_id": "{{packageId}}", "devices": [{{devices}}], "region": "EU868", "dr": 5, "class": "C", {{extra}}}""", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> WaitForEndAsync(string id, TimeSpan limit)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        while (true)
        {
            JsonElement report = await Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{id}", UriKind.Relative));
            if (report.GetProperty("state").GetString() != "running" || wall.Elapsed > limit)
            {
                return report;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Emulation.Standalone;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Testing;

namespace LoRaFuota.Server.Tests;

/// <summary>Mosquitto, an emulated network server (ChirpStack or The Things Stack) with four devices on the shared fast clock, and the service's settings for it.</summary>
internal sealed class EmulatorRig : IAsyncDisposable
{
    public const double Scale = 40;
    public const string ApiKey = "kill-test";
    private readonly Mosquitto _broker;

    private EmulatorRig(Mosquitto broker, EmulatorHost host, SimulatedFleet fleet, string config, byte[] image)
    {
        _broker = broker;
        Host = host;
        Fleet = fleet;
        Config = config;
        Image = image;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(image));
    }

    public EmulatorHost Host { get; }

    public SimulatedFleet Fleet { get; }

    public string Config { get; }

    public byte[] Image { get; }

    public string Sha256 { get; }

    public static async Task<EmulatorRig> StartAsync(string directory, NetworkServerDialect dialect = NetworkServerDialect.ChirpStack)
    {
        Mosquitto broker = Mosquitto.Start();
        DateTimeOffset origin = TimeProvider.System.GetUtcNow();
        ScaledTimeProvider clock = ScaledTimeProvider.Since(origin, Scale);
        RegionalParameters region = RegionalParameters.Get(Region.EU868);
        IReadOnlyList<FleetDevice> devices = [.. Enumerable.Range(1, 4).Select(i => new FleetDevice { DevEui = new DevEui(0x70B3D57ED0000000UL + (ulong)i), UplinkIntervalSeconds = 60 })];
        var simulation = new SimulationOptions { Fleet = devices, Region = region, Seed = 5, RawImageVersion = _ => "2.0.0" };
        SimulatedFleet fleet = CampaignSimulator.CreateFleet(simulation);
        EmulatorHost host = await EmulatorHost.StartAsync(
            new SimulatedNetwork(region, 5, fleet.Devices),
            region,
            new EmulatorHostOptions { Dialect = dialect, BrokerPort = broker.Port, ApiAddress = new Uri("http://127.0.0.1:0"), ApiKey = dialect == NetworkServerDialect.ChirpStack ? "cs-token" : "NNSXS.RIG.KEY" },
            clock);
        string keys = Path.Combine(directory, "keys.json");
        await File.WriteAllTextAsync(keys, "{\"devices\": [" + string.Join(',', fleet.Devices.Select(d => $$"""{"dev_eui": "{{d.DevEui}}", "gen_app_key": "{{d.Options.RootKey.ToHexString()}}"}""")) + "]}");
        string config = Path.Combine(directory, "serve.json");
        string server = dialect == NetworkServerDialect.ChirpStack
            ? $$"""
              "NetworkServer": "chirpstack",
              "ChirpStack": {
                "MqttHost": "127.0.0.1", "MqttPort": {{broker.Port}}, "ApplicationId": "{{host.ApplicationId}}",
                "ApiAddress": "{{host.ApiAddress}}", "ApiToken": "cs-token"
              },
              """
            : $$"""
              "NetworkServer": "tts",
              "TheThingsStack": {
                "MqttHost": "127.0.0.1", "MqttPort": {{broker.Port}}, "ApplicationId": "fuota-app", "TenantId": "tenant1",
                "ApiKey": "NNSXS.RIG.KEY", "ApiAddress": "{{host.ApiAddress}}api/v3/", "FrequencyPlanId": "EU_863_870_TTN",
                "Gateways": "gateway-1", "AbsoluteTime": "true"
              },
              """;
        await File.WriteAllTextAsync(config, $$"""
            {
              {{server}}
              "ApiKeys": ["{{ApiKey}}"],
              "Keys": "{{keys}}",
              "TimeScale": {{Scale}},
              "TimeOrigin": "{{origin:O}}",
              "LeaseSeconds": 1
            }
            """);
        return new EmulatorRig(broker, host, fleet, config, RandomNumberGenerator.GetBytes(8000)); // ~34 fragments: a session long enough to outlast a takeover
    }

    public async Task<string> CreateCampaignAsync(Uri service)
    {
        using HttpClient client = Client(service);
        using var image = new ByteArrayContent(Image);
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        JsonElement package = await (await client.PostAsync(new Uri("/api/packages?title=fw&version=2.0.0", UriKind.Relative), image)).Content.ReadFromJsonAsync<JsonElement>();
        string devices = string.Join(',', Fleet.Devices.Select(d => $$"""{"dev_eui": "{{d.DevEui}}", "uplink_interval_s": 60}"""));
        using var request = new StringContent($$"""{"package_id": "{{package.GetProperty("id")}}", "devices": [{{devices}}], "region": "EU868", "dr": 5, "class": "C", "redundancy_percent": 40}""", System.Text.Encoding.UTF8, "application/json");
        HttpResponseMessage created = await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), request);
        string body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ReportAsync(Uri service, string id)
    {
        using HttpClient client = Client(service);
        return await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{id}", UriKind.Relative));
    }

    public static async Task<JsonElement> PlanAsync(Uri service, string id)
    {
        using HttpClient client = Client(service);
        return await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{id}/plan", UriKind.Relative));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _broker.Dispose();
    }

    private static HttpClient Client(Uri service)
    {
        var client = new HttpClient { BaseAddress = service };
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        return client;
    }
}

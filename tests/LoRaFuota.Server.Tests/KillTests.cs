using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Emulation.Standalone;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>
/// Crashes of the real service process (SIGKILL) against the emulated ChirpStack through Mosquitto: the campaign
/// completes after each restart as an uninterrupted run does, and the emulator's record shows each fragment enqueued
/// once with a unique frame counter. Both processes share one fast clock (<c>--time-origin</c>).
/// </summary>
public sealed class KillTests(ITestOutputHelper log) : IDisposable
{
    private const double Scale = 40;
    private const string ApiKey = "kill-test";
    private readonly TempDirectory _temp = new("lorafuota-kill-");

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [InlineData("none")]
    [InlineData("setup")]
    [InlineData("enqueue")]
    [InlineData("status")]
    public async Task A_service_killed_and_restarted_finishes_the_campaign_with_no_fragment_enqueued_twice(string killAt)
    {
        await using Rig rig = await Rig.StartAsync(_temp.Path);
        string db = $"sqlite:{Path.Combine(_temp.Path, "kill.db")}";
        ServiceProcess service = await ServiceProcess.StartAsync("--config", rig.Config, "--db", db);
        try
        {
            string id = await rig.CreateCampaignAsync(service.Address);
            int kills = 0;
            JsonElement report = default;
            var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
            while (wall.Elapsed < TimeSpan.FromSeconds(150))
            {
                report = await Rig.ReportAsync(service.Address, id);
                if (report.GetProperty("state").GetString() != "running")
                {
                    break;
                }

                if (kills == 0 && Due(killAt, report))
                {
                    service.Kill();
                    kills++;
                    log.WriteLine($"killed at '{killAt}': {report.GetProperty("fragments_sent")} fragments recorded, {Counts(report)}");
                    service.Dispose();
                    service = await ServiceProcess.StartAsync("--config", rig.Config, "--db", db);
                }

                await Task.Delay(100);
            }

            log.WriteLine($"{killAt}: {report.GetProperty("state")}, {Counts(report)}, {report.GetProperty("fragments_sent")} fragments, {rig.Host.Emulator.Network.Log.Multicast.Count} multicast frames on air, {wall.Elapsed.TotalSeconds:F0} s");
            foreach (JsonElement device in report.GetProperty("device_results").EnumerateArray().Where(d => d.GetProperty("state").GetString() != "UPDATED"))
            {
                log.WriteLine($"{device.GetProperty("dev_eui")}: {device.GetProperty("failure_reason")} after {string.Join(" → ", device.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()))}");
            }

            Assert.Equal(killAt == "none" ? 0 : 1, kills);
            Assert.Equal("completed", report.GetProperty("state").GetString());
            // An uninterrupted run updates every device: so must every interrupted one.
            Assert.All(report.GetProperty("device_results").EnumerateArray(), d => Assert.Equal("UPDATED", d.GetProperty("state").GetString()));
            Assert.All(rig.Fleet.Devices, d => Assert.Equal(rig.Sha256, d.InstalledSha256));
            MulticastTransmission[] fragments = [.. rig.Host.Emulator.Network.Log.Multicast.Where(f => f.Kind == MulticastPayloadKind.DataFragment)];
            Assert.Equal(fragments.Length, fragments.Select(f => f.FragmentNumber).Distinct().Count()); // each fragment once, whatever group it went in
            int nbFrag = (await Rig.PlanAsync(service.Address, id)).GetProperty("nb_frag").GetInt32();
            Assert.True(fragments.Length >= nbFrag, $"{fragments.Length} of M = {nbFrag} fragments on air"); // delivery resumed on multicast, not all by unicast repair
            Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FCnt)).Distinct().Count()); // no frame counter twice
            Assert.Empty(rig.Host.Emulator.Network.Log.Violations);
        }
        finally
        {
            service.Dispose();
        }
    }

    private static bool Due(string killAt, JsonElement report)
    {
        int fragments = report.GetProperty("fragments_sent").GetInt32();
        JsonElement counts = report.GetProperty("state_counts");
        return killAt switch
        {
            "setup" => counts.GetProperty("INITIATED").GetInt32() > 0 && fragments == 0,
            "enqueue" => fragments > 0,
            "status" => counts.GetProperty("DOWNLOADED").GetInt32() + counts.GetProperty("VERIFIED").GetInt32() + counts.GetProperty("UPDATING").GetInt32() > 0,
            _ => false,
        };
    }

    private static string Counts(JsonElement report) =>
        string.Join(", ", report.GetProperty("state_counts").EnumerateObject().Where(c => c.Value.GetInt32() > 0).Select(c => $"{c.Name} {c.Value}"));

    /// <summary>Mosquitto, the emulated ChirpStack with four devices on the shared fast clock, and the service's settings.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly Mosquitto _broker;

        private Rig(Mosquitto broker, EmulatorHost host, SimulatedFleet fleet, string config, byte[] image)
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

        public static async Task<Rig> StartAsync(string directory)
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
                new EmulatorHostOptions { Dialect = NetworkServerDialect.ChirpStack, BrokerPort = broker.Port, ApiAddress = new Uri("http://127.0.0.1:0"), ApiKey = "cs-token" },
                clock);
            string keys = Path.Combine(directory, "keys.json");
            await File.WriteAllTextAsync(keys, "{\"devices\": [" + string.Join(',', fleet.Devices.Select(d => $$"""{"dev_eui": "{{d.DevEui}}", "gen_app_key": "{{d.Options.RootKey.ToHexString()}}"}""")) + "]}");
            string config = Path.Combine(directory, "serve.json");
            await File.WriteAllTextAsync(config, $$"""
                {
                  "NetworkServer": "chirpstack",
                  "ApiKeys": ["{{ApiKey}}"],
                  "Keys": "{{keys}}",
                  "TimeScale": {{Scale}},
                  "TimeOrigin": "{{origin:O}}",
                  "LeaseSeconds": 1,
                  "ChirpStack": {
                    "MqttHost": "127.0.0.1", "MqttPort": {{broker.Port}}, "ApplicationId": "{{host.ApplicationId}}",
                    "ApiAddress": "{{host.ApiAddress}}", "ApiToken": "cs-token",
                    "ClientId": "lorafuota-kill-test", "ShareName": ""
                  }
                }
                """);
            return new Rig(broker, host, fleet, config, RandomNumberGenerator.GetBytes(8000)); // ~34 fragments: a session long enough to outlast a takeover
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
}

using System.Text;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Transport;
using LoRaFuota.Cli;
using LoRaFuota.Hosting;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Signing;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Time;
using LoRaFuota.Testing;
using MQTTnet;
using Xunit.Abstractions;

namespace LoRaFuota.Emulation.Tests;

/// <summary><c>lorafuota emulate</c>: an emulated network server on its own, with integrations pointed at it over the broker and a real API port.</summary>
public sealed class EmulateCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lorafuota-emulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task A_users_own_integration_gets_an_answer_from_a_device_through_ChirpStacks_MQTT_contract()
    {
        using Mosquitto broker = Mosquitto.Start();
        string fleet = WriteFleet(2, uplinkSeconds: 30);
        await using EmulateRun run = EmulateRun.Start(["emulate", "chirpstack", "--broker", $"mqtt://127.0.0.1:{broker.Port}", "--fleet", fleet, "--api", "http://127.0.0.1:0"], new ScaledTimeProvider(20));
        JsonElement ready = await run.ReadyAsync();
        string app = ready.GetProperty("application_id").GetString()!;
        string devEui = ready.GetProperty("devices")[0].GetProperty("dev_eui").GetString()!;

        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var answers = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            using JsonDocument up = JsonDocument.Parse(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            if (up.RootElement.TryGetProperty("fPort", out JsonElement port) && port.GetInt32() == 201)
            {
                answers.TrySetResult(up.RootElement.Clone());
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await client.SubscribeAsync($"application/{app}/device/{devEui}/event/up");
        // TS004 PackageVersionReq, as any integration would queue it: delivered in the device's next class A window.
        await client.PublishStringAsync($"application/{app}/device/{devEui}/command/down", $$"""{"devEui":"{{devEui}}","confirmed":false,"fPort":201,"data":"AA=="}""");

        JsonElement answer = await answers.Task.WaitAsync(TimeSpan.FromSeconds(30));

        byte[] data = Convert.FromBase64String(answer.GetProperty("data").GetString()!);
        Assert.Equal([0x00, 0x03], data[..2]); // PackageVersionAns: package 3 (fragmentation)
        Assert.Equal(devEui, answer.GetProperty("deviceInfo").GetProperty("devEui").GetString());
        JsonElement stopped = await run.StopAsync();
        Assert.True(stopped.GetProperty("commands").GetInt64() >= 1);
    }

    [SkippableFact]
    public async Task Our_engine_pointed_at_the_standalone_emulator_updates_every_device_over_the_real_gRPC_port()
    {
        using Mosquitto broker = Mosquitto.Start();
        string fleet = WriteFleet(3, uplinkSeconds: 60);
        string keysFile = Path.Combine(_dir, "keys.json");
        using var vendor = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        string publicKey = Path.Combine(_dir, "vendor.pub.pem");
        File.WriteAllText(publicKey, vendor.ExportSubjectPublicKeyInfoPem());
        var clock = new ScaledTimeProvider(100); // shared by the emulator and the engine, as docs/cli.md asks
        await using EmulateRun run = EmulateRun.Start(["emulate", "chirpstack", "--broker", $"mqtt://127.0.0.1:{broker.Port}", "--fleet", fleet, "--api", "http://127.0.0.1:0", "--api-key", "secret-token", "--keys", keysFile, "--package-public-key", publicKey], clock);
        JsonElement ready = await run.ReadyAsync();
        string app = ready.GetProperty("application_id").GetString()!;
        // A signed package: the devices check it with the vendor's public key and take the version from its manifest.
        var image = new FirmwareImage(FirmwarePackage.Create(SampleImage.Create(1500), "fw", "2.0.0", signingKey: vendor), "fw", "2.0.0");

        await using var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { Port = broker.Port, ApplicationId = app });
        await mqtt.ConnectAsync();
        using var api = new ChirpStackApiClient(new ChirpStackApiOptions { Address = new Uri(ready.GetProperty("api").GetString()!), ApiToken = "secret-token" }); // call time-outs are network time: the system clock
        var transport = new ChirpStackTransport(mqtt, api, new ChirpStackTransportOptions { ApplicationId = app, Region = Region.EU868 }, clock);
        FuotaCampaign campaign = FuotaCampaign.Create(CampaignFor(ready, image), ReadKeys(keysFile));
        var runner = new FuotaCampaignRunner(campaign, transport, clock, new TestOutputLogger<FuotaCampaignRunner>(log));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // a bound on the test, not a measurement
        DateTimeOffset started = clock.GetUtcNow();

        await foreach (var _ in runner.RunAsync(limit.Token))
        {
        }

        log.WriteLine($"campaign: {(clock.GetUtcNow() - started).TotalMinutes:F1} min on the emulated clock");
        foreach (DeviceStatus device in campaign.GetDevices())
        {
            log.WriteLine($"{device.DevEui}: {device.State} {device.FailureReason} {string.Join(", ", device.History.Select(h => h.ToString()))}");
        }

        Assert.True(campaign.IsCompleted);
        JsonElement stopped = await run.StopAsync();
        Assert.Empty(stopped.GetProperty("dropped").EnumerateArray());
        Assert.All(stopped.GetProperty("devices").EnumerateArray(), d => Assert.Equal(image.Sha256, d.GetProperty("installed_sha256").GetString()));
        Assert.All(campaign.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
    }

    [SkippableFact]
    public async Task The_Things_Stack_emulator_serves_its_registry_on_the_port_with_the_api_key()
    {
        using Mosquitto broker = Mosquitto.Start();
        await using EmulateRun run = EmulateRun.Start(["emulate", "tts", "--broker", $"mqtt://127.0.0.1:{broker.Port}", "--devices", "2", "--api", "http://127.0.0.1:0", "--api-key", "NNSXS.MINE"], TimeProvider.System);
        JsonElement ready = await run.ReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(ready.GetProperty("api").GetString()!) };
        string app = ready.GetProperty("application_id").GetString()!.Split('@')[0];
        string device = ready.GetProperty("devices")[1].GetProperty("device_id").GetString()!;

        using HttpResponseMessage refused = await http.DeleteAsync(new Uri($"api/v3/applications/{app}/devices/{device}", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/v3/applications/{app}/devices/{device}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "NNSXS.MINE");
        using HttpResponseMessage missing = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode); // past the key check: no pseudo-device by that id
        Assert.Equal("eui-70b3d57ed0000002", device);
        await run.StopAsync();
    }

    [Theory]
    [InlineData("--time-scale", "0", "--time-scale must be")]
    [InlineData("--api", "https://127.0.0.1:9", "--api 'https://127.0.0.1:9' is not http://host:port.")]
    [InlineData("--broker", "tcp://x", "is not mqtt://")]
    [InlineData("--duration", "-1", "--duration must be")]
    public void Mistakes_are_one_line_with_exit_code_2(string option, string value, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = option == "--broker" ? ["emulate", "chirpstack", option, value] : ["emulate", "chirpstack", "--broker", "mqtt://127.0.0.1:1", option, value];

        int code = LoRaFuotaCli.Run(args, TextReader.Null, output, error);

        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_unreachable_broker_is_one_line_with_exit_code_2()
    {
        using var error = new StringWriter();

        int code = LoRaFuotaCli.Run(["emulate", "tts", "--broker", "mqtt://127.0.0.1:1", "--api", "http://127.0.0.1:0"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.StartsWith("The broker 127.0.0.1:1 refused or did not answer", error.ToString(), StringComparison.Ordinal);
    }

    private static FuotaCampaignOptions CampaignFor(JsonElement ready, FirmwareImage image)
    {
        var options = new FuotaCampaignOptions
        {
            Name = "pointed-at-emulate",
            Image = image,
            Region = RegionalParameters.Get(Region.EU868),
            DataRate = 5,
            Class = MulticastClass.ClassC,
            RedundancyPercent = 30,
            McAddr = 0x01AB_CDEF,
            McKey = Key128.Parse("0102030405060708090a0b0c0d0e0f10"),
            ServerSpacing = TimeSpan.FromSeconds(5), // ChirpStack's class C margin
        };
        foreach (JsonElement device in ready.GetProperty("devices").EnumerateArray())
        {
            options.Devices.Add(new CampaignDevice
            {
                DevEui = DevEui.Parse(device.GetProperty("dev_eui").GetString()!),
                UplinkInterval = TimeSpan.FromSeconds(device.GetProperty("uplink_interval_s").GetDouble()),
            });
        }

        return options;
    }

    private static DeviceKeyStore ReadKeys(string path)
    {
        var keys = new DeviceKeyStore();
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(path));
        foreach (JsonElement device in file.RootElement.GetProperty("devices").EnumerateArray())
        {
            keys.Add(DevEui.Parse(device.GetProperty("dev_eui").GetString()!), RootKeyKind.GenAppKey, Key128.Parse(device.GetProperty("gen_app_key").GetString()!));
        }

        return keys;
    }

    private string WriteFleet(int devices, int uplinkSeconds)
    {
        string path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, "[" + string.Join(',', Enumerable.Range(1, devices).Select(i => $$"""{"dev_eui":"70b3d57ed00000{{i:x2}}","uplink_interval_s":{{uplinkSeconds}}}""")) + "]");
        return path;
    }

    /// <summary>The command running on a thread of its own, as a user would run it in a terminal.</summary>
    private sealed class EmulateRun : IAsyncDisposable
    {
        private readonly CliThread _thread;

        private EmulateRun(CliThread thread) => _thread = thread;

        public static EmulateRun Start(string[] args, TimeProvider clock) => new(CliThread.Start(args, clock));

        public Task<JsonElement> ReadyAsync() => _thread.WaitForAsync("ready");

        public async Task<JsonElement> StopAsync()
        {
            int code = await _thread.StopAsync();
            Assert.True(code == 0, _thread.Error);
            return _thread.Line("stopped") ?? throw new InvalidOperationException("no stopped line");
        }

        public ValueTask DisposeAsync() => _thread.DisposeAsync();
    }
}

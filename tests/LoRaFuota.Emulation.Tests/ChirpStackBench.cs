using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Transport;
using LoRaFuota.Emulation.ChirpStack;
using LoRaFuota.Hosting;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Simulation.Devices;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Emulation.Tests;

/// <summary>
/// The whole chain: campaign → runner → ChirpStack transport → (MQTT through a real Mosquitto, gRPC over in-process
/// HTTP/2) → the emulated ChirpStack → virtual devices, and back. Virtual time: the bench moves the fake clock to the
/// next thing that happens once every message in flight has arrived and the runner has caught up.
/// </summary>
internal sealed class ChirpStackBench : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_realTimeLimit = TimeSpan.FromSeconds(90);
    private readonly WebApplication _api;

    private ChirpStackBench(Mosquitto broker, ChirpStackEmulator emulator, WebApplication api, ChirpStackMqttClient mqtt, ChirpStackApiClient apiClient, FuotaCampaign campaign, FuotaCampaignRunner runner, FakeTimeProvider time, byte[] image)
    {
        Broker = broker;
        Emulator = emulator;
        _api = api;
        Mqtt = mqtt;
        ApiClient = apiClient;
        Campaign = campaign;
        Runner = runner;
        Time = time;
        Image = image;
    }

    public Mosquitto Broker { get; }

    public ChirpStackEmulator Emulator { get; }

    public ChirpStackMqttClient Mqtt { get; }

    public ChirpStackApiClient ApiClient { get; }

    public FuotaCampaign Campaign { get; }

    public FuotaCampaignRunner Runner { get; }

    public FakeTimeProvider Time { get; }

    public byte[] Image { get; }

    public List<CampaignEvent> Events { get; } = [];

    public static async Task<ChirpStackBench> CreateAsync(int devices, int imageSize, MulticastClass multicastClass, byte? periodicity = null)
    {
        Mosquitto broker = Mosquitto.Start();
        var time = new FakeTimeProvider(Start);
        RegionalParameters region = RegionalParameters.Get(Region.EU868);
        byte[] image = SampleImage.Create(imageSize);
        var keys = new DeviceKeyStore();
        var options = new FuotaCampaignOptions
        {
            Image = new FirmwareImage(image, "sample", "2.0.0"),
            DataRate = 5,
            RedundancyPercent = 30,
            Class = multicastClass,
            Periodicity = periodicity,
            ServerSpacing = TimeSpan.FromSeconds(5), // ChirpStack's pacing
        };
        var virtualDevices = new List<VirtualDevice>();
        for (int i = 1; i <= devices; i++)
        {
            var eui = new DevEui(0x70B3D57ED0000000UL + (ulong)i);
            Key128 root = Key128.Parse($"{i:x2}112233445566778899aabbccddeeff"[..32]);
            keys.Add(eui, RootKeyKind.GenAppKey, root);
            options.Devices.Add(new CampaignDevice { DevEui = eui, UplinkInterval = TimeSpan.FromMinutes(5) });
            var device = new VirtualDevice(new VirtualDeviceOptions { DevEui = eui, RootKey = root, UplinkInterval = TimeSpan.FromMinutes(5) }, region, seed: i);
            device.ExpectImage(options.Image.Sha256, "2.0.0");
            virtualDevices.Add(device);
        }

        var emulator = new ChirpStackEmulator(new SimulatedNetwork(region, 5, virtualDevices), region, new ChirpStackEmulatorOptions { MqttPort = broker.Port }, time);
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        emulator.AddServices(builder.Services);
        WebApplication api = builder.Build();
        ChirpStackEmulator.MapServices(api);
        await api.StartAsync();
        await emulator.StartAsync();

        var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions { Port = broker.Port, ApplicationId = emulator.Options.ApplicationId });
        await mqtt.ConnectAsync();
        var apiClient = new ChirpStackApiClient(new ChirpStackApiOptions { Address = new Uri("http://localhost"), ApiToken = emulator.Options.ApiToken }, api.GetTestServer().CreateHandler(), time);
        var transport = new ChirpStackTransport(mqtt, apiClient, new ChirpStackTransportOptions { ApplicationId = emulator.Options.ApplicationId, Region = Region.EU868 }, time);
        FuotaCampaign campaign = FuotaCampaign.Create(options, keys);
        var runner = new FuotaCampaignRunner(campaign, transport, time);
        return new ChirpStackBench(broker, emulator, api, mqtt, apiClient, campaign, runner, time, image);
    }

    /// <summary>Runs the campaign to its end on the fake clock.</summary>
    public async Task RunAsync(Func<ChirpStackBench, Task>? atEachStep = null)
    {
        using var stop = new CancellationTokenSource();
        Task consume = Task.Run(async () =>
        {
            await foreach (CampaignEvent campaignEvent in Runner.RunAsync(stop.Token))
            {
                lock (Events)
                {
                    Events.Add(campaignEvent);
                }
            }
        });
        DateTimeOffset deadline = DateTimeOffset.UtcNow + s_realTimeLimit; // a bound on the test, not a measurement
        try
        {
            while (!consume.IsCompleted)
            {
                await CaughtUpAsync(consume, deadline);
                if (atEachStep is not null && !consume.IsCompleted)
                {
                    await atEachStep(this);
                    await CaughtUpAsync(consume, deadline);
                }

                DateTimeOffset? next = Earliest(Runner.NextWakeUp, Emulator.NextEventTime);
                if (consume.IsCompleted || next is not DateTimeOffset at)
                {
                    break;
                }

                Time.Advance(at > Time.GetUtcNow() ? at - Time.GetUtcNow() : TimeSpan.Zero);
            }
        }
        finally
        {
            if (!consume.IsCompleted)
            {
                await stop.CancelAsync();
            }

            try
            {
                await consume;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Mqtt.DisposeAsync();
        ApiClient.Dispose();
        await Emulator.DisposeAsync();
        await _api.DisposeAsync();
        Broker.Dispose();
    }

    // Caught up: the engine is connected, the runner has nothing due, every uplink the emulator published has reached it
    // (once: redeliveries are dropped), and every command it published has reached the emulator (a redelivered command
    // counts again there).
    private async Task CaughtUpAsync(Task consume, DateTimeOffset deadline)
    {
        while (!consume.IsCompleted && !(Mqtt.IsConnected && Runner.IsIdle && Runner.UplinksDone == Emulator.EventsEmitted
            && Emulator.CommandsHandled >= Mqtt.CommandsPublished && !(Runner.NextWakeUp <= Time.GetUtcNow())))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Not caught up: runner idle {Runner.IsIdle}, uplinks {Runner.UplinksDone}/{Mqtt.EventsReceived}/{Emulator.EventsEmitted}, commands {Emulator.CommandsHandled}/{Mqtt.CommandsPublished}.");
            }

            await Task.Delay(1);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}

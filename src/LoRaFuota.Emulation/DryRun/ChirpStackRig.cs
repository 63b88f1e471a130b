using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Transport;
using LoRaFuota.Emulation.ChirpStack;
using LoRaFuota.Hosting;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace LoRaFuota.Emulation.DryRun;

/// <summary>ChirpStack: the emulator on the broker plus its gRPC API in process, the engine's MQTT and gRPC clients and transport.</summary>
internal sealed class ChirpStackRig : EngineRig
{
    private readonly ChirpStackEmulator _emulator;
    private readonly WebApplication _api;
    private readonly ChirpStackMqttClient _mqtt;
    private readonly ChirpStackApiClient _apiClient;

    private ChirpStackRig(ChirpStackEmulator emulator, WebApplication api, ChirpStackMqttClient mqtt, ChirpStackApiClient apiClient, ChirpStackTransport transport)
    {
        _emulator = emulator;
        _api = api;
        _mqtt = mqtt;
        _apiClient = apiClient;
        Transport = transport;
    }

    public override NetworkServerEmulator Emulator => _emulator;

    public override IFuotaTransport Transport { get; }

    public override bool Settled => _mqtt.IsConnected && _emulator.CommandsHandled >= _mqtt.CommandsPublished;

    public override long Published => _mqtt.CommandsPublished;

    public override long Received => _mqtt.EventsReceived;

    public override long Reconnects => _mqtt.Reconnects;

    /// <summary>ChirpStack's class C pacing (<c>multicast_class_c_margin</c>), which the campaign must plan for.</summary>
    public static TimeSpan ServerSpacing { get; } = new ChirpStackEmulatorOptions().ClassCMargin;

    public static async Task<ChirpStackRig> StartAsync(SimulatedNetwork network, RegionalParameters region, BrokerSimulationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var emulator = new ChirpStackEmulator(network, region, new ChirpStackEmulatorOptions { MqttHost = options.BrokerHost, MqttPort = options.BrokerPort, MqttUsername = options.EmulatorUsername, MqttPassword = options.EmulatorPassword }, time);
        WebApplication api = await StartApiAsync(builder => emulator.AddServices(builder.Services), app => ChirpStackEmulator.MapServices(app), cancellationToken).ConfigureAwait(false);
        await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
        var mqtt = new ChirpStackMqttClient(new ChirpStackMqttOptions
        {
            Host = options.BrokerHost,
            Port = options.BrokerPort,
            ApplicationId = emulator.Options.ApplicationId,
            Username = options.EngineUsername,
            Password = options.EnginePassword,
            MaxReconnectDelay = TimeSpan.FromSeconds(2), // a broker on this machine: retry often
        });
        await mqtt.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var apiClient = new ChirpStackApiClient(new ChirpStackApiOptions { Address = new Uri("http://localhost"), ApiToken = emulator.Options.ApiToken }, api.GetTestServer().CreateHandler(), time);
        var transport = new ChirpStackTransport(mqtt, apiClient, new ChirpStackTransportOptions { ApplicationId = emulator.Options.ApplicationId, Region = region.Region }, time);
        return new ChirpStackRig(emulator, api, mqtt, apiClient, transport);
    }

    public override Task DropEngineConnectionAsync() => _mqtt.DropConnectionAsync();

    public override async ValueTask DisposeAsync()
    {
        await _mqtt.DisposeAsync().ConfigureAwait(false);
        _apiClient.Dispose();
        await _emulator.DisposeAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
    }
}

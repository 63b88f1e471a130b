using LoRaFuota.Emulation.TheThingsStack;
using LoRaFuota.Hosting;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Registry;
using LoRaFuota.TheThingsStack.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace LoRaFuota.Emulation.DryRun;

/// <summary>The Things Stack: the emulator on the broker plus its registry API in process, the engine's MQTT client, registry client and transport.</summary>
internal sealed class TtsRig : EngineRig
{
    private readonly TtsEmulator _emulator;
    private readonly WebApplication _api;
    private readonly TtsMqttClient _mqtt;
    private readonly TtsDeviceRegistryClient _registry;
    private readonly TtsTransport _transport;

    private TtsRig(TtsEmulator emulator, WebApplication api, TtsMqttClient mqtt, TtsDeviceRegistryClient registry, TtsTransport transport)
    {
        _emulator = emulator;
        _api = api;
        _mqtt = mqtt;
        _registry = registry;
        _transport = transport;
    }

    public override NetworkServerEmulator Emulator => _emulator;

    public override IFuotaTransport Transport => _transport;

    public override bool Settled => _mqtt.IsConnected && !_transport.Releasing && _emulator.CommandsHandled >= _mqtt.PushesPublished;

    public override long Published => _mqtt.PushesPublished;

    public override long Received => _mqtt.MessagesReceived;

    public override long Reconnects => _mqtt.Reconnects;

    public override DateTimeOffset? NextDue => _transport.NextRelease;

    public TtsTransport TtsTransport => _transport;

    public static async Task<TtsRig> StartAsync(SimulatedNetwork network, RegionalParameters region, BrokerSimulationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var emulatorOptions = new TtsEmulatorOptions
        {
            MqttHost = options.BrokerHost,
            MqttPort = options.BrokerPort,
            MqttUsername = options.EmulatorUsername,
            MqttPassword = options.EmulatorPassword,
            GpsGateway = options.GpsGateway,
        };
        var emulator = new TtsEmulator(network, region, emulatorOptions, time);
        WebApplication api = await StartApiAsync(_ => { }, emulator.MapRegistry, cancellationToken).ConfigureAwait(false);
        await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
        var mqtt = new TtsMqttClient(new TtsMqttOptions
        {
            Host = options.BrokerHost,
            Port = options.BrokerPort,
            ApplicationId = emulatorOptions.ApplicationId,
            TenantId = emulatorOptions.TenantId,
            ApiKey = options.EnginePassword ?? emulatorOptions.ApiKey,
            MaxReconnectDelay = TimeSpan.FromSeconds(2), // a broker on this machine: retry often
        });
        await mqtt.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var registry = new TtsDeviceRegistryClient(
            new TtsApiOptions { BaseAddress = new Uri("http://localhost/api/v3/"), ApiKey = emulatorOptions.ApiKey, ApplicationId = emulatorOptions.ApplicationId, FrequencyPlanId = "EU_863_870_TTN" },
            api.GetTestServer().CreateHandler(),
            time);
        var transportOptions = new TtsTransportOptions { AbsoluteTime = options.GpsGateway };
        transportOptions.Gateways.Add(emulatorOptions.GatewayId);
        return new TtsRig(emulator, api, mqtt, registry, new TtsTransport(mqtt, registry, transportOptions, time));
    }

    public override Task DropEngineConnectionAsync() => _mqtt.DropConnectionAsync();

    public override async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync().ConfigureAwait(false);
        await _mqtt.DisposeAsync().ConfigureAwait(false);
        _registry.Dispose();
        await _emulator.DisposeAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
    }
}

using LoRaFuota.ChirpStack.Protocol.Api;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;
using MQTTnet;

namespace LoRaFuota.Emulation.ChirpStack;

/// <summary>
/// An emulated ChirpStack v4 in front of a <see cref="SimulatedNetwork"/>: it speaks the MQTT integration (events out,
/// <c>command/down</c> in) through a real broker and serves <c>MulticastGroupService</c> and <c>DeviceService</c> over
/// gRPC, following ChirpStack's rules: frame counters assigned by the server, class C frames spaced by the margin, class
/// B frames in the next ping slot after the margin, items past <c>expires_at</c> or over the data rate's size dropped,
/// no multicast events. The virtual devices receive a downlink only while they listen (class A after an uplink, their
/// class C window, their class B ping slots). Everything runs on a <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ChirpStackEmulator : NetworkServerEmulator
{
    private readonly ChirpStackEmulatorOptions _options;
    private readonly Dictionary<string, EmulatedGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<DevEui, uint> _uplinkCounters = [];
    private int _nextGroup;

    /// <summary>Initializes a new instance of the <see cref="ChirpStackEmulator"/> class.</summary>
    /// <param name="network">The devices and their radio (not started).</param>
    /// <param name="region">The region (data-rate sizes and air times).</param>
    /// <param name="options">The emulated ChirpStack's settings.</param>
    /// <param name="time">The clock.</param>
    public ChirpStackEmulator(SimulatedNetwork network, RegionalParameters region, ChirpStackEmulatorOptions options, TimeProvider time)
        : base(network, region, time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Gets the settings.</summary>
    public ChirpStackEmulatorOptions Options => _options;

    /// <summary>Connects to the broker as ChirpStack, subscribes to the commands and switches the devices on.</summary>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>A task that completes when the emulator is running.</returns>
    public override Task StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(
            BrokerOptions(_options.MqttHost, _options.MqttPort, MQTTnet.Formatter.MqttProtocolVersion.V500, "chirpstack-emulator-", _options.MqttUsername, _options.MqttPassword),
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter("application/+/device/+/command/+", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);

    /// <summary>Adds the emulated API to an ASP.NET Core application (gRPC over HTTP/2).</summary>
    /// <param name="services">The application's services.</param>
    public void AddServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.GrpcServicesExtensions.AddGrpc(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, this);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<EmulatedMulticastService>(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<EmulatedDeviceService>(services);
    }

    /// <summary>Maps the emulated gRPC services.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    public static void MapServices(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)
    {
        Microsoft.AspNetCore.Builder.GrpcEndpointRouteBuilderExtensions.MapGrpcService<EmulatedMulticastService>(endpoints);
        Microsoft.AspNetCore.Builder.GrpcEndpointRouteBuilderExtensions.MapGrpcService<EmulatedDeviceService>(endpoints);
    }

    internal EmulatedGroup? FindGroup(string id)
    {
        lock (Gate)
        {
            return _groups.GetValueOrDefault(id);
        }
    }
}

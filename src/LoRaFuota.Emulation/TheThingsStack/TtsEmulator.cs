using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;
using MQTTnet;
using MQTTnet.Protocol;

namespace LoRaFuota.Emulation.TheThingsStack;

/// <summary>
/// An emulated The Things Stack v3 in front of a <see cref="SimulatedNetwork"/>: it publishes <c>v3/{app}/devices/{dev}/up</c>
/// and <c>down/queued|sent|failed</c> in snake_case JSON (QoS 0, MQTT 3.1.1), takes <c>down/push</c> and
/// <c>down/replace</c>, and serves the end-device registries' HTTP calls that create a multicast pseudo-device. As the
/// real server, it does not pace multicast: a frame goes out at its <c>absolute_time</c> (GPS gateways only; in the past
/// or overlapping the previous frame it fails) or in the next free slot (class C: now or when the gateway is free;
/// class B: the next ping slot). A multicast push without <c>class_b_c.gateways</c> fails. The virtual devices receive a
/// frame only while they listen. Everything runs on a <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class TtsEmulator : NetworkServerEmulator
{
    private readonly TtsEmulatorOptions _options;
    private readonly Dictionary<string, PseudoDevice> _pseudoDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DevEui> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<DevEui, (uint Up, uint Down)> _counters = [];
    private readonly List<(DateTimeOffset At, string Topic, byte[] Body)> _reports = [];
    private int _nextGroup;

    /// <summary>Initializes a new instance of the <see cref="TtsEmulator"/> class.</summary>
    /// <param name="network">The devices and their radio (not started).</param>
    /// <param name="region">The region (data-rate sizes and air times).</param>
    /// <param name="options">The emulated server's settings.</param>
    /// <param name="time">The clock.</param>
    public TtsEmulator(SimulatedNetwork network, RegionalParameters region, TtsEmulatorOptions options, TimeProvider time)
        : base(network, region, time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        foreach (Simulation.Devices.VirtualDevice device in network.Devices)
        {
            _devices[DeviceId(device.DevEui)] = device.DevEui;
        }
    }

    /// <summary>Gets the settings.</summary>
    public TtsEmulatorOptions Options => _options;

    /// <summary>Connects to the broker as the server, subscribes to push and replace, and switches the devices on.</summary>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>A task that completes when the emulator is running.</returns>
    public override Task StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(
            BrokerOptions(_options.MqttHost, _options.MqttPort, MQTTnet.Formatter.MqttProtocolVersion.V311, "tts-emulator-", _options.MqttUsername, _options.MqttPassword),
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"v3/{_options.ApplicationUid}/devices/+/down/push", MqttQualityOfServiceLevel.AtMostOnce)
                .WithTopicFilter($"v3/{_options.ApplicationUid}/devices/+/down/replace", MqttQualityOfServiceLevel.AtMostOnce)
                .Build(),
            cancellationToken);

    /// <summary>The id of an emulated device.</summary>
    /// <param name="devEui">The device's DevEUI.</param>
    /// <returns>The device id.</returns>
    public string DeviceId(DevEui devEui) => _options.DeviceIdPrefix + devEui.ToString().ToLowerInvariant();

    private void Publish(string topic, byte[] body) => Publish(topic, body, MqttQualityOfServiceLevel.AtMostOnce);
}

using LoRaFuota.Campaigns;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Security;
using LoRaFuota.Simulation.Devices;

namespace LoRaFuota.Simulation.Tests.Devices;

/// <summary>One virtual device on a bench: downlinks in, its uplinks recorded, time moved by hand.</summary>
internal sealed class DeviceBench : IDeviceRadio
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Key128 RootKey = Key128.Parse("2b7e151628aed2a6abf7158809cf4f3c");

    public DeviceBench(Action<VirtualDeviceOptions>? configure = null)
    {
        var options = new VirtualDeviceOptions { DevEui = new DevEui(0xA1), RootKey = RootKey, UplinkInterval = TimeSpan.FromHours(1), ClockDriftPpm = 0 };
        configure?.Invoke(options);
        Device = new VirtualDevice(options, RegionalParameters.Get(Region.EU868), seed: 3);
        Device.Boot(Start, this);
        Now = Start;
    }

    public VirtualDevice Device { get; }

    public DateTimeOffset Now { get; private set; }

    public List<(DateTimeOffset At, byte Port, byte[] Payload)> Uplinks { get; } = [];

    public static Key128 McKEKey => MulticastKeys.DeriveMcKEKey(MulticastKeys.DeriveMcRootKeyFromGenAppKey(RootKey));

    void IDeviceRadio.Transmit(VirtualDevice device, DateTimeOffset now, byte port, ReadOnlyMemory<byte> payload) => Uplinks.Add((now, port, payload.ToArray()));

    public void Downlink(byte port, byte[] payload, bool framePending = false) => Device.OnDownlink(Now, port, payload, framePending);

    public bool Multicast(uint mcAddr, Key128 mcAppSKey, uint fCnt, byte port, byte[] payload, MulticastClass @class = MulticastClass.ClassC, int dataRate = 5, uint frequency = 869_525_000, byte periodicity = 0) =>
        Device.OnMulticast(Now, new MulticastFrame(mcAddr, mcAppSKey, @class, dataRate, frequency, periodicity, fCnt, port, payload));

    /// <summary>Moves time, letting the device do what falls due.</summary>
    public void Run(TimeSpan by)
    {
        DateTimeOffset until = Now + by;
        while (Device.NextWake is DateTimeOffset next && next <= until)
        {
            Now = next > Now ? next : Now;
            Device.Wake(Now);
        }

        Now = until;
    }

    /// <summary>The payloads the device sent on <paramref name="port"/>, application uplinks aside.</summary>
    public byte[][] On(byte port) => [.. Uplinks.Where(u => u.Port == port).Select(u => u.Payload)];

    public void Clear() => Uplinks.Clear();
}

namespace LoRaFuota.Simulation.Tests;

/// <summary>Compares device results field by field, the history element by element.</summary>
internal sealed class DeviceResultComparer : IEqualityComparer<DeviceResult>
{
    public static DeviceResultComparer Instance { get; } = new();

    public bool Equals(DeviceResult? x, DeviceResult? y) =>
        x is not null && y is not null && (x with { History = [] }) == (y with { History = [] }) && x.History.SequenceEqual(y.History);

    public int GetHashCode(DeviceResult obj) => obj.DevEui.GetHashCode();
}

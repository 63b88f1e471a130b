namespace LoRaFuota.Campaigns.State;

/// <summary>One line of a device's history, as stored.</summary>
internal sealed class StateChangeRecord
{
    public OtaState State { get; set; }

    public DateTimeOffset At { get; set; }

    public DeviceFailureReason Reason { get; set; }
}

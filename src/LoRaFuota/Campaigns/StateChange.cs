namespace LoRaFuota.Campaigns;

/// <summary>One line of a device's history.</summary>
/// <param name="State">The state entered.</param>
/// <param name="At">When.</param>
/// <param name="Reason">The failure reason (for <see cref="OtaState.Failed"/>).</param>
public readonly record struct StateChange(OtaState State, DateTimeOffset At, DeviceFailureReason Reason);

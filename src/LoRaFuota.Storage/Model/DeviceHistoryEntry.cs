using LoRaFuota.Campaigns;

namespace LoRaFuota.Storage.Model;

/// <summary>One change of one device's state, as appended to the campaign's history (never updated or deleted).</summary>
/// <param name="DevEui">The device.</param>
/// <param name="State">The state it entered.</param>
/// <param name="Reason">Why, when it entered <see cref="OtaState.Failed"/>.</param>
/// <param name="At">When.</param>
public sealed record DeviceHistoryEntry(DevEui DevEui, OtaState State, DeviceFailureReason Reason, DateTimeOffset At);

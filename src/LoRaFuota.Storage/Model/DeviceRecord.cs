using LoRaFuota.Campaigns;

namespace LoRaFuota.Storage.Model;

/// <summary>One device's current state in a campaign.</summary>
public sealed record DeviceRecord
{
    /// <summary>Gets the DevEUI.</summary>
    public required DevEui DevEui { get; init; }

    /// <summary>Gets the state.</summary>
    public required OtaState State { get; init; }

    /// <summary>Gets why it failed, or <see cref="DeviceFailureReason.None"/>.</summary>
    public DeviceFailureReason FailureReason { get; init; }

    /// <summary>Gets the firmware version it last reported, if any.</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>Gets the fragments it reported received, if known.</summary>
    public int? FragmentsReceived { get; init; }

    /// <summary>Gets when the state last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

namespace LoRaFuota.Storage.Model;

/// <summary>A package assigned to a device group or a device, with the campaign parameters its campaigns get.</summary>
public sealed record PackageAssignment
{
    /// <summary>Gets what the package is assigned to.</summary>
    public required AssignmentTarget Kind { get; init; }

    /// <summary>Gets the group name, or the device's DevEUI as 16 lower-case hex digits.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the package.</summary>
    public required Guid PackageId { get; init; }

    /// <summary>Gets the campaign parameters (JSON: the campaign request without its devices).</summary>
    public required string Parameters { get; init; }

    /// <summary>Gets when it was assigned (set by the store).</summary>
    public DateTimeOffset AssignedAt { get; init; }
}

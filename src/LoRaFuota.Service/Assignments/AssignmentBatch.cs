using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Assignments;

/// <summary>Devices that get one package through one assignment in one region: one campaign, one multicast group.</summary>
/// <param name="Assignment">The assignment that applies to them.</param>
/// <param name="Region">The region they work in (the device's, else the assignment's).</param>
/// <param name="Devices">The devices, in DevEUI order.</param>
public sealed record AssignmentBatch(PackageAssignment Assignment, string? Region, IReadOnlyList<RegisteredDevice> Devices)
{
    /// <summary>Gets the campaign's origin: <c>group:NAME</c> or <c>device:DEVEUI</c>.</summary>
    public string Origin => AssignmentResolver.Origin(Assignment);
}

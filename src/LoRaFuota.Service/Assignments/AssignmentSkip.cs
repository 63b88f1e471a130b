namespace LoRaFuota.Service.Assignments;

/// <summary>A device an assignment change leaves alone, and why.</summary>
/// <param name="DevEui">The device.</param>
/// <param name="Reason">
/// <c>own_assignment</c> (a group's assignment changed but the device has its own), <c>up_to_date</c> (it runs the
/// package's version), <c>in_campaign</c> (it is in a running campaign; it gets the package in a later change),
/// <c>no_assignment</c> (neither it nor its group has one).
/// </param>
public sealed record AssignmentSkip(DevEui DevEui, string Reason);

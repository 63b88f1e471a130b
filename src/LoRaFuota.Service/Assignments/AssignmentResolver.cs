using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Assignments;

/// <summary>
/// ThingsBoard's assignment rules: a package assigned to a device group (profile) goes to every device of the group; a
/// package assigned to one device overrides its group's; a later group assignment leaves the devices with their own
/// assignment alone. Given the registry and the assignments, it says which devices a change sends a package to (one
/// batch — one campaign, one multicast group — per assignment and region) and which it leaves alone, and why.
/// </summary>
public static class AssignmentResolver
{
    /// <summary>The assignment that applies to a device: its own, else its group's, else none.</summary>
    /// <param name="device">The device.</param>
    /// <param name="assignments">Every assignment.</param>
    /// <returns>The assignment, or null.</returns>
    public static PackageAssignment? Effective(RegisteredDevice device, IEnumerable<PackageAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(assignments);
        string eui = device.DevEui.ToString();
        PackageAssignment? group = null;
        foreach (PackageAssignment assignment in assignments)
        {
            if (assignment.Kind == AssignmentTarget.Device && assignment.Target == eui)
            {
                return assignment;
            }

            if (assignment.Kind == AssignmentTarget.Group && device.Group is not null && assignment.Target == device.Group)
            {
                group = assignment;
            }
        }

        return group;
    }

    /// <summary>Works out what a change of one target's assignment does.</summary>
    /// <param name="kind">Whether a group's or a device's assignment changed.</param>
    /// <param name="target">The group name or the DevEUI.</param>
    /// <param name="devices">The registry.</param>
    /// <param name="assignments">Every assignment, the change included.</param>
    /// <param name="packageVersion">The version of a package by id (null when the package is gone).</param>
    /// <param name="defaultRegion">The region of a device that names none, for each assignment (its parameters' region).</param>
    /// <returns>The batches to start and the devices left alone.</returns>
    public static (IReadOnlyList<AssignmentBatch> Batches, IReadOnlyList<AssignmentSkip> Skipped) Resolve(
        AssignmentTarget kind,
        string target,
        IEnumerable<RegisteredDevice> devices,
        IReadOnlyList<PackageAssignment> assignments,
        Func<Guid, string?> packageVersion,
        Func<PackageAssignment, string?> defaultRegion)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(packageVersion);
        ArgumentNullException.ThrowIfNull(defaultRegion);
        var skipped = new List<AssignmentSkip>();
        var batches = new Dictionary<(AssignmentTarget, string, string?), List<RegisteredDevice>>();
        var order = new List<(AssignmentTarget, string, string?)>();
        var byKey = new Dictionary<(AssignmentTarget, string, string?), PackageAssignment>();
        foreach (RegisteredDevice device in devices.OrderBy(d => d.DevEui.Value))
        {
            bool inScope = kind == AssignmentTarget.Group ? device.Group == target : device.DevEui.ToString() == target;
            if (!inScope)
            {
                continue;
            }

            PackageAssignment? applies = Effective(device, assignments);
            string? reason =
                applies is null ? "no_assignment"
                : kind == AssignmentTarget.Group && applies.Kind == AssignmentTarget.Device ? "own_assignment"
                : device.RunningCampaignId is not null ? "in_campaign"
                : device.InstalledVersion is { } installed && installed == packageVersion(applies.PackageId) ? "up_to_date"
                : null;
            if (reason is not null)
            {
                skipped.Add(new AssignmentSkip(device.DevEui, reason));
                continue;
            }

            var key = (applies!.Kind, applies.Target, device.Region ?? defaultRegion(applies));
            if (!batches.TryGetValue(key, out List<RegisteredDevice>? list))
            {
                batches[key] = list = [];
                byKey[key] = applies;
                order.Add(key);
            }

            list.Add(device);
        }

        return ([.. order.Select(k => new AssignmentBatch(byKey[k], k.Item3, batches[k]))], skipped);
    }

    /// <summary>A campaign's origin for an assignment: <c>group:NAME</c> or <c>device:DEVEUI</c>.</summary>
    /// <param name="assignment">The assignment.</param>
    /// <returns>The origin.</returns>
    public static string Origin(PackageAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return (assignment.Kind == AssignmentTarget.Group ? "group:" : "device:") + assignment.Target;
    }
}

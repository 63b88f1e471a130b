using LoRaFuota.Service.Assignments;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Tests;

/// <summary>ThingsBoard's assignment rules: group for all, a device's own overrides, a later group change leaves it alone.</summary>
public sealed class AssignmentResolverTests
{
    private static readonly Guid s_v2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid s_v3 = Guid.Parse("00000000-0000-0000-0000-000000000003");

    [Fact]
    public void A_group_assignment_sends_the_package_to_every_device_of_the_group_in_one_batch()
    {
        RegisteredDevice[] devices = [Device(1, "meters"), Device(2, "meters"), Device(3, "valves")];
        PackageAssignment[] assignments = [Group("meters", s_v2)];

        var (batches, skipped) = Resolve(AssignmentTarget.Group, "meters", devices, assignments);

        AssignmentBatch batch = Assert.Single(batches);
        Assert.Equal([1ul, 2ul], batch.Devices.Select(d => d.DevEui.Value));
        Assert.Equal(("group:meters", "EU868"), (batch.Origin, batch.Region));
        Assert.Empty(skipped);
    }

    [Fact]
    public void A_devices_own_assignment_overrides_its_groups_and_a_later_group_assignment_leaves_it_alone()
    {
        RegisteredDevice[] devices = [Device(1, "meters"), Device(2, "meters")];
        PackageAssignment own = Device(2, s_v3);
        PackageAssignment[] before = [Group("meters", s_v2), own];

        var (first, _) = Resolve(AssignmentTarget.Device, own.Target, devices, before);
        PackageAssignment[] after = [Group("meters", s_v3), own]; // later: the group moves on
        var (second, skipped) = Resolve(AssignmentTarget.Group, "meters", devices, after);

        Assert.Equal([(2ul, s_v3)], first.SelectMany(b => b.Devices.Select(d => (d.DevEui.Value, b.Assignment.PackageId))));
        Assert.Equal([(1ul, s_v3)], second.SelectMany(b => b.Devices.Select(d => (d.DevEui.Value, b.Assignment.PackageId))));
        Assert.Equal([new AssignmentSkip(new DevEui(2), "own_assignment")], skipped);
        Assert.Same(own, AssignmentResolver.Effective(devices[1], after));
        Assert.Equal(after[0], AssignmentResolver.Effective(devices[0], after));
    }

    [Fact]
    public void Devices_that_run_the_version_are_in_a_campaign_or_have_nothing_assigned_are_left_alone_with_the_reason()
    {
        RegisteredDevice[] devices =
        [
            Device(1, "meters") with { InstalledVersion = "2.0.0" },
            Device(2, "meters") with { RunningCampaignId = Guid.NewGuid() },
            Device(3, "meters"),
            Device(4, null),
        ];

        var (batches, skipped) = Resolve(AssignmentTarget.Group, "meters", devices, [Group("meters", s_v2)]);
        var (none, nothing) = Resolve(AssignmentTarget.Device, new DevEui(4).ToString(), devices, [Group("meters", s_v2)]);

        Assert.Equal([3ul], batches.Single().Devices.Select(d => d.DevEui.Value));
        Assert.Equal([new AssignmentSkip(new DevEui(1), "up_to_date"), new AssignmentSkip(new DevEui(2), "in_campaign")], skipped);
        Assert.Empty(none);
        Assert.Equal([new AssignmentSkip(new DevEui(4), "no_assignment")], nothing);
    }

    [Fact]
    public void Devices_in_different_regions_get_one_campaign_each()
    {
        RegisteredDevice[] devices = [Device(1, "meters") with { Region = "US915" }, Device(2, "meters"), Device(3, "meters") with { Region = "US915" }];

        var (batches, _) = Resolve(AssignmentTarget.Group, "meters", devices, [Group("meters", s_v2)]);

        Assert.Equal([("US915", new ulong[] { 1, 3 }), ("EU868", new ulong[] { 2 })], batches.Select(b => (b.Region, b.Devices.Select(d => d.DevEui.Value).ToArray())));
    }

    private static (IReadOnlyList<AssignmentBatch> Batches, IReadOnlyList<AssignmentSkip> Skipped) Resolve(AssignmentTarget kind, string target, RegisteredDevice[] devices, PackageAssignment[] assignments) =>
        AssignmentResolver.Resolve(kind, target, devices, assignments, id => id == s_v2 ? "2.0.0" : id == s_v3 ? "3.0.0" : null, _ => "EU868");

    private static RegisteredDevice Device(ulong eui, string? group) => new() { DevEui = new DevEui(eui), Group = group, InstalledVersion = "1.0.0" };

    private static PackageAssignment Group(string name, Guid package) => new() { Kind = AssignmentTarget.Group, Target = name, PackageId = package, Parameters = "{}" };

    private static PackageAssignment Device(ulong eui, Guid package) => new() { Kind = AssignmentTarget.Device, Target = new DevEui(eui).ToString(), PackageId = package, Parameters = "{}" };
}

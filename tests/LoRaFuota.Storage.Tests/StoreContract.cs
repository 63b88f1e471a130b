using System.Security.Cryptography;
using LoRaFuota.Campaigns;
using LoRaFuota.Storage.Model;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Storage.Tests;

/// <summary>What every <see cref="IFuotaStore"/> must do, run against each real database.</summary>
public abstract class StoreContract : IDisposable
{
    private static readonly DevEui s_first = new(0x70B3D57ED0000001);
    private static readonly DevEui s_second = new(0x70B3D57ED0000002);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public abstract void Dispose();

    /// <summary>A store on a fresh database; every call gives another handle on the same database.</summary>
    protected abstract IFuotaStore Open();

    /// <summary>The column types of this database, for writing an old schema by hand.</summary>
    private protected abstract Sql.SqlDialect Dialect { get; }

    /// <summary>Runs statements on the database directly, outside the store.</summary>
    protected abstract Task ExecuteAsync(params string[] statements);

    [SkippableFact]
    public async Task Migrations_are_idempotent_and_concurrent_starts_do_not_corrupt_them()
    {
        IFuotaStore[] instances = [Open(), Open(), Open(), Open()];

        int[] versions = await Task.WhenAll(instances.Select(s => s.MigrateAsync()));

        Assert.All(versions, v => Assert.Equal(3, v));
        Assert.Equal(3, await Open().MigrateAsync());
        Assert.Empty(await instances[0].ListPackagesAsync());
    }

    [SkippableFact]
    public async Task A_database_at_schema_version_1_is_upgraded_in_place_and_keeps_its_data()
    {
        // A database as the first release left it: version 1's tables, its record, a package and a running campaign.
        await ExecuteAsync(
        [
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
            .. Sql.Migrations.For(1, Dialect),
            "INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)",
            "INSERT INTO packages (id, title, version, type, checksum_algorithm, checksum, sha256, description, size, created_at, deleted_at, content) "
                + "VALUES ('6f9619ff-8b86-d011-b42d-00cf4fc964ff', 'old', '1.0', 0, 'SHA256', 'aa', 'aa', NULL, 1, 0, NULL, " + (Dialect.BlobType == "BYTEA" ? "'\\x01'" : "X'01'") + ")",
            "INSERT INTO campaigns (id, name, package_id, state, cancel_requested, parameters, snapshot, plan, revision, created_at, updated_at, ended_at, lease_owner, lease_token, lease_expires_at) "
                + "VALUES ('7f9619ff-8b86-d011-b42d-00cf4fc964ff', 'kept', '6f9619ff-8b86-d011-b42d-00cf4fc964ff', 0, 0, '{}', '{}', NULL, 5, 0, 0, NULL, NULL, NULL, NULL)",
        ]);
        IFuotaStore store = Open();

        Assert.Equal(3, await store.MigrateAsync());
        Assert.Equal(3, await Open().MigrateAsync());
        StoredCampaign kept = (await store.GetCampaignAsync(Guid.Parse("7f9619ff-8b86-d011-b42d-00cf4fc964ff")))!;
        Assert.Equal(("kept", 5L), (kept.Name, kept.Revision));
        Assert.Equal("old", (await store.ListPackagesAsync()).Single().Title);
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(1)))!;
        await store.SaveGroupStateAsync(lease, 0, "upgraded"); // version 2's table is there
        Assert.Equal("upgraded", (await store.GetGroupStatesAsync(kept.Id))[0]);
        Assert.Null(kept.Origin); // version 3's column, empty for the old campaign
        Assert.Empty(await store.ListDevicesAsync());
    }

    [SkippableFact]
    public async Task A_package_keeps_its_bytes_and_gets_its_sha256_computed()
    {
        IFuotaStore store = await MigratedAsync();
        byte[] content = RandomNumberGenerator.GetBytes(5000);

        StoredPackage added = await store.AddPackageAsync(new NewPackage { Title = "sensor", Version = "1.2.0", Content = content, Description = "fixes" });
        StoredPackage? read = await store.GetPackageAsync(added.Id, withContent: true);

        Assert.NotNull(read);
        Assert.Equal(content, read.Content.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), read.Sha256);
        Assert.Equal(read.Sha256, read.Checksum);
        Assert.Equal("SHA256", read.ChecksumAlgorithm);
        Assert.Equal(5000, read.Size);
        Assert.Equal(Clock.GetUtcNow(), read.CreatedAt);
        Assert.Equal(added with { Content = default }, (await store.ListPackagesAsync()).Single() with { Content = default });
        Assert.True((await store.GetPackageAsync(added.Id))!.Content.IsEmpty);
    }

    [SkippableFact]
    public async Task Title_and_version_are_unique_and_a_wrong_checksum_is_refused_with_both_values()
    {
        IFuotaStore store = await MigratedAsync();
        await store.AddPackageAsync(new NewPackage { Title = "sensor", Version = "1.0", Content = new byte[] { 1 } });

        await Assert.ThrowsAsync<PackageConflictException>(() => store.AddPackageAsync(new NewPackage { Title = "sensor", Version = "1.0", Content = new byte[] { 2 } }));
        var wrong = await Assert.ThrowsAsync<ArgumentException>(() => store.AddPackageAsync(new NewPackage { Title = "sensor", Version = "2.0", Content = new byte[] { 2 }, ChecksumAlgorithm = "SHA512", Checksum = "00" }));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => store.AddPackageAsync(new NewPackage { Title = "sensor", Version = "2.0", Content = new byte[] { 2 }, ChecksumAlgorithm = "CRC32" }));

        Assert.Contains("does not match the content", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("CRC32", unknown.Message, StringComparison.Ordinal);
        Assert.Single(await store.ListPackagesAsync());
    }

    [SkippableFact]
    public async Task A_package_a_running_campaign_sends_cannot_be_deleted_and_after_the_campaign_it_can()
    {
        IFuotaStore store = await MigratedAsync();
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 9 } });
        StoredCampaign campaign = await store.CreateCampaignAsync(NewCampaign(package.Id));

        await Assert.ThrowsAsync<PackageInUseException>(() => store.DeletePackageAsync(package.Id));
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(1)))!;
        await store.SaveProgressAsync(lease, new CampaignProgress { Snapshot = "{}", State = CampaignState.Completed });

        Assert.True(await store.DeletePackageAsync(package.Id));
        Assert.Null(await store.GetPackageAsync(package.Id));
        Assert.False(await store.DeletePackageAsync(package.Id));
        Assert.Equal(package.Id, (await store.GetCampaignAsync(campaign.Id))!.PackageId); // the ended campaign keeps its record
        await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 10 } }); // the title and version are free again
    }

    [SkippableFact]
    public async Task A_campaign_is_created_with_its_devices_and_first_history_or_not_at_all()
    {
        IFuotaStore store = await MigratedAsync();
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 9 } });

        await Assert.ThrowsAsync<NotFoundException>(() => store.CreateCampaignAsync(NewCampaign(Guid.NewGuid())));
        NewCampaign twice = NewCampaign(package.Id);
        twice.Devices.Add(twice.Devices[0]);
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateCampaignAsync(twice));
        Assert.Empty(await store.ListCampaignsAsync());

        StoredCampaign campaign = await store.CreateCampaignAsync(NewCampaign(package.Id));

        Assert.Equal(CampaignState.Running, campaign.State);
        Assert.Equal(campaign, await store.GetCampaignAsync(campaign.Id));
        Assert.Equal([s_first, s_second], (await store.GetDevicesAsync(campaign.Id)).Select(d => d.DevEui));
        Assert.All(await store.GetDevicesAsync(campaign.Id), d => Assert.Equal(OtaState.Queued, d.State));
        Assert.Empty(await store.GetHistoryAsync(campaign.Id)); // the history starts with the campaign's first change
    }

    [SkippableFact]
    public async Task One_instance_holds_a_campaign_until_its_lease_runs_out_then_another_takes_over_and_the_first_writes_nothing()
    {
        IFuotaStore store = await MigratedAsync();
        StoredCampaign campaign = await CampaignAsync(store);
        CampaignLease first = (await store.TryClaimAsync("instance-a", TimeSpan.FromSeconds(30)))!;

        Assert.Equal(campaign.Id, first.CampaignId);
        Assert.Null(await Open().TryClaimAsync("instance-b", TimeSpan.FromSeconds(30)));
        Clock.Advance(TimeSpan.FromSeconds(20));
        first = await store.RenewAsync(first, TimeSpan.FromSeconds(30));
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await Open().TryClaimAsync("instance-b", TimeSpan.FromSeconds(30))); // renewed: still held
        Clock.Advance(TimeSpan.FromSeconds(11));

        CampaignLease second = (await Open().TryClaimAsync("instance-b", TimeSpan.FromSeconds(30)))!;
        long revision = (await store.GetCampaignAsync(campaign.Id))!.Revision;
        var stale = new CampaignProgress { Snapshot = "stale" };
        stale.History.Add(new DeviceHistoryEntry(s_first, OtaState.Initiated, DeviceFailureReason.None, Clock.GetUtcNow()));

        Assert.Equal(campaign.Id, second.CampaignId);
        Assert.NotEqual(first.Token, second.Token);
        await Assert.ThrowsAsync<LeaseLostException>(() => store.SaveProgressAsync(first, stale));
        await Assert.ThrowsAsync<LeaseLostException>(() => store.RecordFragmentAsync(first, new FragmentDelivery(0, 1, 7, Clock.GetUtcNow())));
        await Assert.ThrowsAsync<LeaseLostException>(() => store.RenewAsync(first, TimeSpan.FromSeconds(30)));
        StoredCampaign after = (await store.GetCampaignAsync(campaign.Id))!;
        Assert.Equal(revision, after.Revision);
        Assert.NotEqual("stale", after.Snapshot);
        Assert.Empty(await store.GetHistoryAsync(campaign.Id));
        Assert.Empty(await store.GetFragmentsAsync(campaign.Id));
        Assert.Equal("instance-b", after.LeaseOwner);
    }

    [SkippableFact]
    public async Task Progress_appends_history_updates_devices_and_an_ended_campaign_is_never_claimed_again()
    {
        IFuotaStore store = await MigratedAsync();
        StoredCampaign campaign = await CampaignAsync(store);
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(5)))!;
        var progress = new CampaignProgress { Snapshot = "{\"step\":2}" };
        progress.Devices.Add(new DeviceRecord { DevEui = s_second, State = OtaState.Failed, FailureReason = DeviceFailureReason.Timeout, UpdatedAt = Clock.GetUtcNow() });
        progress.History.Add(new DeviceHistoryEntry(s_second, OtaState.Failed, DeviceFailureReason.Timeout, Clock.GetUtcNow()));

        long revision = await store.SaveProgressAsync(lease, progress);
        var done = new CampaignProgress { Snapshot = "{\"step\":3}", State = CampaignState.Completed };
        done.Devices.Add(new DeviceRecord { DevEui = s_first, State = OtaState.Updated, FirmwareVersion = "2.0.0", FragmentsReceived = 40, UpdatedAt = Clock.GetUtcNow() });
        done.History.Add(new DeviceHistoryEntry(s_first, OtaState.Updated, DeviceFailureReason.None, Clock.GetUtcNow()));
        await store.SaveProgressAsync(lease, done);

        StoredCampaign ended = (await store.GetCampaignAsync(campaign.Id))!;
        Assert.Equal(2, revision);
        Assert.Equal(CampaignState.Completed, ended.State);
        Assert.Equal(Clock.GetUtcNow(), ended.EndedAt);
        Assert.Equal("{\"step\":3}", ended.Snapshot);
        IReadOnlyList<DeviceRecord> devices = await store.GetDevicesAsync(campaign.Id);
        Assert.Equal((OtaState.Updated, "2.0.0", (int?)40), (devices[0].State, devices[0].FirmwareVersion, devices[0].FragmentsReceived));
        Assert.Equal((OtaState.Failed, DeviceFailureReason.Timeout), (devices[1].State, devices[1].FailureReason));
        Assert.Equal([OtaState.Failed], (await store.GetHistoryAsync(campaign.Id, s_second)).Select(h => h.State));
        IReadOnlyDictionary<OtaState, int> counts = (await store.CountDevicesAsync())[campaign.Id];
        Assert.Equal((1, 1), (counts[OtaState.Updated], counts[OtaState.Failed]));
        Assert.Equal([s_second, s_first], (await store.GetHistoryAsync(campaign.Id)).Select(h => h.DevEui)); // in the order written
        Assert.Null(await store.TryClaimAsync("b", TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<LeaseLostException>(() => store.SaveProgressAsync(lease, done)); // ended: nothing more is written
    }

    [SkippableFact]
    public async Task A_fragment_is_recorded_once_per_group_and_index()
    {
        IFuotaStore store = await MigratedAsync();
        StoredCampaign campaign = await CampaignAsync(store);
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(5)))!;

        Assert.True(await store.RecordFragmentAsync(lease, new FragmentDelivery(0, 1, 100, Clock.GetUtcNow())));
        Assert.True(await store.RecordFragmentAsync(lease, new FragmentDelivery(0, 2, 101, Clock.GetUtcNow())));
        Assert.True(await store.RecordFragmentAsync(lease, new FragmentDelivery(1, 1, null, Clock.GetUtcNow())));
        Assert.False(await store.RecordFragmentAsync(lease, new FragmentDelivery(0, 1, 555, Clock.GetUtcNow())));

        Assert.Equal(
            [new FragmentDelivery(0, 1, 100, Clock.GetUtcNow()), new FragmentDelivery(0, 2, 101, Clock.GetUtcNow()), new FragmentDelivery(1, 1, null, Clock.GetUtcNow())],
            await store.GetFragmentsAsync(campaign.Id));
    }

    [SkippableFact]
    public async Task A_groups_network_server_reference_is_kept_replaced_and_fenced()
    {
        IFuotaStore store = await MigratedAsync();
        StoredCampaign campaign = await CampaignAsync(store);
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(1)))!;

        await store.SaveGroupStateAsync(lease, 0, "first");
        await store.SaveGroupStateAsync(lease, 0, "9b4c-second");
        await store.SaveGroupStateAsync(lease, 1, "other");
        Clock.Advance(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<LeaseLostException>(() => store.SaveGroupStateAsync(lease, 0, "stale"));
        IReadOnlyDictionary<int, string> states = await store.GetGroupStatesAsync(campaign.Id);
        Assert.Equal(2, states.Count);
        Assert.Equal("9b4c-second", states[0]);
        Assert.Equal("other", states[1]);
        Assert.Empty(await store.GetGroupStatesAsync(Guid.NewGuid()));
    }

    [SkippableFact]
    public async Task Cancel_is_requested_on_a_running_campaign_only()
    {
        IFuotaStore store = await MigratedAsync();
        StoredCampaign campaign = await CampaignAsync(store);

        Assert.True(await store.RequestCancelAsync(campaign.Id));
        Assert.True((await store.GetCampaignAsync(campaign.Id))!.CancelRequested);
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(1)))!;
        await store.SaveProgressAsync(lease, new CampaignProgress { Snapshot = "{}", State = CampaignState.Cancelled });
        Assert.False(await store.RequestCancelAsync(campaign.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => store.RequestCancelAsync(Guid.NewGuid()));
    }

    [SkippableFact]
    public async Task Instances_claiming_at_once_never_take_the_same_campaign()
    {
        IFuotaStore store = await MigratedAsync();
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 9 } });
        for (int i = 0; i < 5; i++)
        {
            await store.CreateCampaignAsync(NewCampaign(package.Id, first: 0x70B3D57ED0001000UL + ((ulong)i * 2)));
        }

        CampaignLease?[] leases = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Open().TryClaimAsync($"instance-{i}", TimeSpan.FromMinutes(1)))));

        CampaignLease[] won = [.. leases.OfType<CampaignLease>()];
        Assert.Equal(5, won.Length);
        Assert.Equal(5, won.Select(l => l.CampaignId).Distinct().Count());
    }

    [SkippableFact]
    public async Task A_device_is_in_one_running_campaign_at_a_time_even_when_two_creations_race()
    {
        IFuotaStore store = await MigratedAsync();
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 9 } });
        StoredCampaign running = await store.CreateCampaignAsync(NewCampaign(package.Id));
        Clock.Advance(TimeSpan.FromSeconds(1)); // claimed first: the oldest

        DeviceBusyException busy = await Assert.ThrowsAsync<DeviceBusyException>(() => store.CreateCampaignAsync(NewCampaign(package.Id, first: s_second.Value)));
        Assert.Contains(s_second.ToString(), busy.Message, StringComparison.Ordinal);
        Assert.Contains(running.Id.ToString(), busy.Message, StringComparison.Ordinal);
        Assert.Single(await store.ListCampaignsAsync()); // nothing half-created

        // Eight creations of overlapping campaigns at once from separate connections: exactly one wins.
        Task<StoredCampaign>[] racing = [.. Enumerable.Range(0, 8).Select(_ => Task.Run(() => Open().CreateCampaignAsync(NewCampaign(package.Id, first: 0x70B3D57ED0009000UL))))];
        await Task.WhenAll(racing.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Equal(1, racing.Count(t => t.IsCompletedSuccessfully));
        Assert.All(racing.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<DeviceBusyException>(t.Exception!.InnerException));

        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(1)))!;
        await store.SaveProgressAsync(lease, new CampaignProgress { Snapshot = "{}", State = CampaignState.Cancelled });
        await store.CreateCampaignAsync(NewCampaign(package.Id, first: s_second.Value)); // ended: its devices are free
    }

    [SkippableFact]
    public async Task Registered_devices_show_the_version_their_last_campaign_installed_and_the_campaign_they_are_in()
    {
        IFuotaStore store = await MigratedAsync();
        await store.SaveDeviceAsync(new RegisteredDevice { DevEui = s_first, Group = "meters", UplinkIntervalSeconds = 120, FirmwareVersion = "1.0.0", Region = "EU868" });
        await store.SaveDeviceAsync(new RegisteredDevice { DevEui = s_second, Group = "meters", FirmwareVersion = "1.0.0" });
        await store.SaveDeviceAsync(new RegisteredDevice { DevEui = s_second, Group = "valves", FirmwareVersion = "1.0.1" }); // moved

        StoredCampaign campaign = await CampaignAsync(store);
        IReadOnlyList<RegisteredDevice> during = await store.ListDevicesAsync();
        CampaignLease lease = (await store.TryClaimAsync("a", TimeSpan.FromMinutes(5)))!;
        var done = new CampaignProgress { Snapshot = "{}", State = CampaignState.Completed };
        done.Devices.Add(new DeviceRecord { DevEui = s_first, State = OtaState.Updated, FirmwareVersion = "2.0.0", UpdatedAt = Clock.GetUtcNow() });
        done.Devices.Add(new DeviceRecord { DevEui = s_second, State = OtaState.Failed, FailureReason = DeviceFailureReason.Timeout, UpdatedAt = Clock.GetUtcNow() });
        await store.SaveProgressAsync(lease, done);
        IReadOnlyList<RegisteredDevice> after = await store.ListDevicesAsync();

        Assert.Equal([("meters", 120.0, "EU868"), ("valves", (double?)null, (string?)null)], during.Select(d => (d.Group, d.UplinkIntervalSeconds, d.Region)));
        Assert.All(during, d => Assert.Equal(campaign.Id, d.RunningCampaignId));
        Assert.Equal(["1.0.0", "1.0.1"], during.Select(d => d.InstalledVersion));
        Assert.All(after, d => Assert.Null(d.RunningCampaignId));
        Assert.Equal(["2.0.0", "1.0.1"], after.Select(d => d.InstalledVersion)); // a failed update leaves the old version
        Assert.Equal([s_second], (await store.ListDevicesAsync(s_second)).Select(d => d.DevEui));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveDeviceAsync(new RegisteredDevice { DevEui = s_first, UplinkIntervalSeconds = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveDeviceAsync(new RegisteredDevice { DevEui = s_first, Group = " x" }));
    }

    [SkippableFact]
    public async Task An_assignment_replaces_the_targets_earlier_one_and_keeps_its_package_from_being_deleted()
    {
        IFuotaStore store = await MigratedAsync();
        StoredPackage one = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "1", Content = new byte[] { 1 } });
        StoredPackage two = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 2 } });

        await store.AssignAsync(new PackageAssignment { Kind = AssignmentTarget.Group, Target = "meters", PackageId = one.Id, Parameters = "{}" });
        await store.AssignAsync(new PackageAssignment { Kind = AssignmentTarget.Group, Target = "meters", PackageId = two.Id, Parameters = "{\"dr\":5}" });
        await store.AssignAsync(new PackageAssignment { Kind = AssignmentTarget.Device, Target = s_first.ToString(), PackageId = one.Id, Parameters = "{}" });

        IReadOnlyList<PackageAssignment> all = await store.ListAssignmentsAsync();
        Assert.Equal([(AssignmentTarget.Group, "meters", two.Id, "{\"dr\":5}"), (AssignmentTarget.Device, s_first.ToString(), one.Id, "{}")], all.Select(a => (a.Kind, a.Target, a.PackageId, a.Parameters)));
        Assert.All(all, a => Assert.Equal(Clock.GetUtcNow(), a.AssignedAt));
        await Assert.ThrowsAsync<PackageInUseException>(() => store.DeletePackageAsync(one.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => store.AssignAsync(new PackageAssignment { Kind = AssignmentTarget.Group, Target = "x", PackageId = Guid.NewGuid(), Parameters = "{}" }));

        Assert.True(await store.UnassignAsync(AssignmentTarget.Device, s_first.ToString()));
        Assert.False(await store.UnassignAsync(AssignmentTarget.Device, s_first.ToString()));
        Assert.True(await store.DeletePackageAsync(one.Id));
    }

    [SkippableFact]
    public async Task Caller_mistakes_say_what_to_fix()
    {
        IFuotaStore store = await MigratedAsync();
        var lease = new CampaignLease(Guid.NewGuid(), "a", Guid.NewGuid(), Clock.GetUtcNow());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryClaimAsync("a", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryClaimAsync("a", TimeSpan.FromDays(31)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryClaimAsync(" ", TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddPackageAsync(new NewPackage { Title = "", Version = "1", Content = ReadOnlyMemory<byte>.Empty }));
        await Assert.ThrowsAsync<LeaseLostException>(() => store.SaveProgressAsync(lease, new CampaignProgress { Snapshot = "{}" }));
    }

    private async Task<IFuotaStore> MigratedAsync()
    {
        IFuotaStore store = Open();
        await store.MigrateAsync();
        return store;
    }

    private async Task<StoredCampaign> CampaignAsync(IFuotaStore store)
    {
        StoredPackage package = await store.AddPackageAsync(new NewPackage { Title = "fw", Version = "2", Content = new byte[] { 9 } });
        return await store.CreateCampaignAsync(NewCampaign(package.Id));
    }

    private NewCampaign NewCampaign(Guid packageId, ulong? first = null)
    {
        var campaign = new NewCampaign { Name = "field test", PackageId = packageId, Parameters = "{\"dr\":5}", Snapshot = "{\"step\":1}", Plan = "{}" };
        campaign.Devices.Add(new DeviceRecord { DevEui = first is ulong one ? new DevEui(one) : s_first, State = OtaState.Queued, UpdatedAt = Clock.GetUtcNow() });
        campaign.Devices.Add(new DeviceRecord { DevEui = first is ulong two ? new DevEui(two + 1) : s_second, State = OtaState.Queued, UpdatedAt = Clock.GetUtcNow() });
        return campaign;
    }
}

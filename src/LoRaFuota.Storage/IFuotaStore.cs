using LoRaFuota.Campaigns;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Storage;

/// <summary>
/// The service's durable state: the package repository, campaigns with their devices and history, delivery progress,
/// and leases. Every write for a running campaign is fenced by its <see cref="CampaignLease"/>: once another instance
/// has claimed the campaign, the old holder's writes fail with <see cref="LeaseLostException"/> and change nothing.
/// Implementations are safe to use from several threads and several processes.
/// </summary>
public interface IFuotaStore
{
    /// <summary>Creates or upgrades the schema to the version this code knows; safe when several instances start at once.</summary>
    /// <param name="cancellationToken">Cancels the migration (nothing half-applied is kept).</param>
    /// <returns>The schema version after the migration.</returns>
    Task<int> MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a package; its SHA-256 (and the checksum, when not given) is computed from the bytes.</summary>
    /// <param name="package">The package.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored package (without its bytes).</returns>
    /// <exception cref="ArgumentException">A field is missing, the checksum algorithm is unknown, or the checksum given does not match the bytes.</exception>
    /// <exception cref="PackageConflictException">A package with the same title and version exists.</exception>
    Task<StoredPackage> AddPackageAsync(NewPackage package, CancellationToken cancellationToken = default);

    /// <summary>Gets a package.</summary>
    /// <param name="id">The id.</param>
    /// <param name="withContent">Whether to read the bytes too.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The package, or null.</returns>
    Task<StoredPackage?> GetPackageAsync(Guid id, bool withContent = false, CancellationToken cancellationToken = default);

    /// <summary>Lists the packages, newest first, without their bytes.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The packages.</returns>
    Task<IReadOnlyList<StoredPackage>> ListPackagesAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a package that no running campaign sends.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if it was deleted; <see langword="false"/> if there was none.</returns>
    /// <exception cref="PackageInUseException">A running campaign sends it, or it is assigned to a device group or a device.</exception>
    Task<bool> DeletePackageAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Stores a new running campaign with its devices (the history starts with the campaign's first change), all or nothing.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored campaign.</returns>
    /// <exception cref="ArgumentException">A field is missing or a device is listed twice.</exception>
    /// <exception cref="NotFoundException">The package does not exist.</exception>
    /// <exception cref="DeviceBusyException">A device is in another running campaign (a device is in one at a time).</exception>
    Task<StoredCampaign> CreateCampaignAsync(NewCampaign campaign, CancellationToken cancellationToken = default);

    /// <summary>Gets a campaign.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The campaign, or null.</returns>
    Task<StoredCampaign?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists the campaigns, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The campaigns.</returns>
    Task<IReadOnlyList<StoredCampaign>> ListCampaignsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a campaign's devices in DevEUI order.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The devices.</returns>
    Task<IReadOnlyList<DeviceRecord>> GetDevicesAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Counts every campaign's devices by state, in one query (for lists of many campaigns).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of devices in each state, by campaign.</returns>
    Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<OtaState, int>>> CountDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a campaign's history in the order it was written.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="devEui">One device only, or null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<DeviceHistoryEntry>> GetHistoryAsync(Guid campaignId, DevEui? devEui = null, CancellationToken cancellationToken = default);

    /// <summary>Asks for a running campaign to be cancelled; the instance running it sees <see cref="StoredCampaign.CancelRequested"/>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if the campaign is running (now marked); <see langword="false"/> if it has ended.</returns>
    /// <exception cref="NotFoundException">There is no such campaign.</exception>
    Task<bool> RequestCancelAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Claims the oldest running campaign nobody holds a live lease on (a dead instance's, once its lease ran out).</summary>
    /// <param name="owner">This instance's name.</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease, or null when there is nothing to claim.</returns>
    Task<CampaignLease?> TryClaimAsync(string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease still held.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="duration">How long from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The renewed lease.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held.</exception>
    Task<CampaignLease> RenewAsync(CampaignLease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives a lease up (when the instance stops), so another can claim the campaign at once.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is released (a lease already lost is ignored).</returns>
    Task ReleaseAsync(CampaignLease lease, CancellationToken cancellationToken = default);

    /// <summary>Saves a step's snapshot, device changes and history in one fenced transaction.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="progress">What changed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new revision.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held; nothing was written.</exception>
    Task<long> SaveProgressAsync(CampaignLease lease, CampaignProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Records that a fragment was handed to the network server (fenced; at most once per group and index).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="delivery">The fragment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if recorded now; <see langword="false"/> if it was already recorded (then it must not be sent again).</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held; nothing was written.</exception>
    Task<bool> RecordFragmentAsync(CampaignLease lease, FragmentDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Keeps the network server's reference to a multicast group the campaign created (fenced; replaces an earlier one).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="group">The campaign's group number.</param>
    /// <param name="state">The transport's reference (<c>IResumableTransport.GetGroupState</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held; nothing was written.</exception>
    Task SaveGroupStateAsync(CampaignLease lease, int group, string state, CancellationToken cancellationToken = default);

    /// <summary>Gets the network server's references to the campaign's multicast groups, by group number.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The references.</returns>
    Task<IReadOnlyDictionary<int, string>> GetGroupStatesAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Gets the fragments recorded for a campaign, by group and index.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries.</returns>
    Task<IReadOnlyList<FragmentDelivery>> GetFragmentsAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Registers a device or changes its registration (group, uplink interval, declared version, region).</summary>
    /// <param name="device">The device (its read-only fields are ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registration as stored.</returns>
    /// <exception cref="ArgumentException">The uplink interval or the group name is out of range.</exception>
    Task<RegisteredDevice> SaveDeviceAsync(RegisteredDevice device, CancellationToken cancellationToken = default);

    /// <summary>Lists the registered devices in DevEUI order, each with the version it runs and its running campaign.</summary>
    /// <param name="devEui">One device only, or null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The devices.</returns>
    Task<IReadOnlyList<RegisteredDevice>> ListDevicesAsync(DevEui? devEui = null, CancellationToken cancellationToken = default);

    /// <summary>Assigns a package to a device group or a device, replacing the target's earlier assignment.</summary>
    /// <param name="assignment">The assignment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assignment as stored.</returns>
    /// <exception cref="ArgumentException">A field is missing.</exception>
    /// <exception cref="NotFoundException">The package does not exist.</exception>
    Task<PackageAssignment> AssignAsync(PackageAssignment assignment, CancellationToken cancellationToken = default);

    /// <summary>Removes a group's or a device's assignment.</summary>
    /// <param name="kind">Group or device.</param>
    /// <param name="target">The group name or the DevEUI.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if there was one.</returns>
    Task<bool> UnassignAsync(AssignmentTarget kind, string target, CancellationToken cancellationToken = default);

    /// <summary>Lists the assignments: groups first, then devices.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assignments.</returns>
    Task<IReadOnlyList<PackageAssignment>> ListAssignmentsAsync(CancellationToken cancellationToken = default);
}

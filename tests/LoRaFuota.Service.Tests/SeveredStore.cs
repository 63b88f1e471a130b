using LoRaFuota.Campaigns;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Tests;

/// <summary>A store whose instance died: once severed, every call fails, as the calls of a killed process never arrive (no release, no last save).</summary>
internal sealed class SeveredStore(IFuotaStore inner) : IFuotaStore
{
    private volatile bool _severed;

    public void Sever() => _severed = true;

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => Call(() => inner.MigrateAsync(cancellationToken));

    public Task<StoredPackage> AddPackageAsync(NewPackage package, CancellationToken cancellationToken = default) => Call(() => inner.AddPackageAsync(package, cancellationToken));

    public Task<StoredPackage?> GetPackageAsync(Guid id, bool withContent = false, CancellationToken cancellationToken = default) => Call(() => inner.GetPackageAsync(id, withContent, cancellationToken));

    public Task<IReadOnlyList<StoredPackage>> ListPackagesAsync(CancellationToken cancellationToken = default) => Call(() => inner.ListPackagesAsync(cancellationToken));

    public Task<bool> DeletePackageAsync(Guid id, CancellationToken cancellationToken = default) => Call(() => inner.DeletePackageAsync(id, cancellationToken));

    public Task<StoredCampaign> CreateCampaignAsync(NewCampaign campaign, CancellationToken cancellationToken = default) => Call(() => inner.CreateCampaignAsync(campaign, cancellationToken));

    public Task<StoredCampaign?> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default) => Call(() => inner.GetCampaignAsync(id, cancellationToken));

    public Task<IReadOnlyList<StoredCampaign>> ListCampaignsAsync(CancellationToken cancellationToken = default) => Call(() => inner.ListCampaignsAsync(cancellationToken));

    public Task<IReadOnlyList<DeviceRecord>> GetDevicesAsync(Guid campaignId, CancellationToken cancellationToken = default) => Call(() => inner.GetDevicesAsync(campaignId, cancellationToken));

    public Task<IReadOnlyList<DeviceHistoryEntry>> GetHistoryAsync(Guid campaignId, DevEui? devEui = null, CancellationToken cancellationToken = default) => Call(() => inner.GetHistoryAsync(campaignId, devEui, cancellationToken));

    public Task<bool> RequestCancelAsync(Guid campaignId, CancellationToken cancellationToken = default) => Call(() => inner.RequestCancelAsync(campaignId, cancellationToken));

    public Task<CampaignLease?> TryClaimAsync(string owner, TimeSpan duration, CancellationToken cancellationToken = default) => Call(() => inner.TryClaimAsync(owner, duration, cancellationToken));

    public Task<CampaignLease> RenewAsync(CampaignLease lease, TimeSpan duration, CancellationToken cancellationToken = default) => Call(() => inner.RenewAsync(lease, duration, cancellationToken));

    public Task ReleaseAsync(CampaignLease lease, CancellationToken cancellationToken = default) => Call(async () => { await inner.ReleaseAsync(lease, cancellationToken); return true; });

    public Task<long> SaveProgressAsync(CampaignLease lease, CampaignProgress progress, CancellationToken cancellationToken = default) => Call(() => inner.SaveProgressAsync(lease, progress, cancellationToken));

    public Task<bool> RecordFragmentAsync(CampaignLease lease, FragmentDelivery delivery, CancellationToken cancellationToken = default) => Call(() => inner.RecordFragmentAsync(lease, delivery, cancellationToken));

    public Task SaveGroupStateAsync(CampaignLease lease, int group, string state, CancellationToken cancellationToken = default) => Call(async () => { await inner.SaveGroupStateAsync(lease, group, state, cancellationToken); return true; });

    public Task<IReadOnlyDictionary<int, string>> GetGroupStatesAsync(Guid campaignId, CancellationToken cancellationToken = default) => Call(() => inner.GetGroupStatesAsync(campaignId, cancellationToken));

    public Task<IReadOnlyList<FragmentDelivery>> GetFragmentsAsync(Guid campaignId, CancellationToken cancellationToken = default) => Call(() => inner.GetFragmentsAsync(campaignId, cancellationToken));

    public Task<RegisteredDevice> SaveDeviceAsync(RegisteredDevice device, CancellationToken cancellationToken = default) => Call(() => inner.SaveDeviceAsync(device, cancellationToken));

    public Task<IReadOnlyList<RegisteredDevice>> ListDevicesAsync(DevEui? devEui = null, CancellationToken cancellationToken = default) => Call(() => inner.ListDevicesAsync(devEui, cancellationToken));

    public Task<PackageAssignment> AssignAsync(PackageAssignment assignment, CancellationToken cancellationToken = default) => Call(() => inner.AssignAsync(assignment, cancellationToken));

    public Task<bool> UnassignAsync(AssignmentTarget kind, string target, CancellationToken cancellationToken = default) => Call(() => inner.UnassignAsync(kind, target, cancellationToken));

    public Task<IReadOnlyList<PackageAssignment>> ListAssignmentsAsync(CancellationToken cancellationToken = default) => Call(() => inner.ListAssignmentsAsync(cancellationToken));

    public Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<OtaState, int>>> CountDevicesAsync(CancellationToken cancellationToken = default) => Call(() => inner.CountDevicesAsync(cancellationToken));

    private Task<T> Call<T>(Func<Task<T>> call) =>
        _severed ? Task.FromException<T>(new IOException("the instance is gone")) : call();
}

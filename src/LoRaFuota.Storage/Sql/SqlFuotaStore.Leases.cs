using System.Data.Common;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Storage.Sql;

/// <content>Leases, fenced progress and fragment deliveries.</content>
public abstract partial class SqlFuotaStore
{
    private static readonly TimeSpan s_longestLease = TimeSpan.FromDays(30); // on a fast dry-run clock, 30 s of real time can be days

    /// <inheritdoc/>
    public async Task<CampaignLease?> TryClaimAsync(string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        CheckDuration(duration);
        DateTimeOffset now = Now;
        var lease = new CampaignLease(Guid.Empty, owner, Guid.NewGuid(), now + duration);
        return await WriteAsync(
            async (connection, transaction) =>
            {
                List<string> claimed = await QueryAsync(
                    connection,
                    transaction,
                    _dialect.ClaimSql,
                    reader => reader.GetString(0),
                    cancellationToken,
                    ("owner", owner),
                    ("token", Id(lease.Token)),
                    ("expires", lease.ExpiresAt.UtcTicks),
                    ("now", now.UtcTicks),
                    ("running", (int)CampaignState.Running)).ConfigureAwait(false);
                return claimed.Count == 0 ? null : lease with { CampaignId = Guid.Parse(claimed[0]) };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<CampaignLease> RenewAsync(CampaignLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckDuration(duration);
        DateTimeOffset now = Now;
        CampaignLease renewed = lease with { ExpiresAt = now + duration };
        await WriteAsync(
            async (connection, transaction) =>
            {
                await FenceAsync(connection, transaction, lease, now, "lease_expires_at = @expires", cancellationToken, ("expires", renewed.ExpiresAt.UtcTicks)).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return renewed;
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(CampaignLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync(
            (connection, transaction) => ExecuteAsync(
                connection,
                transaction,
                "UPDATE campaigns SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = @id AND lease_token = @token",
                cancellationToken,
                ("id", Id(lease.CampaignId)),
                ("token", Id(lease.Token))),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<long> SaveProgressAsync(CampaignLease lease, CampaignProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentException.ThrowIfNullOrWhiteSpace(progress.Snapshot);
        if (!Enum.IsDefined(progress.State))
        {
            throw new ArgumentException("State must be Running, Completed or Cancelled.", nameof(progress));
        }

        DateTimeOffset now = Now;
        return WriteAsync(
            async (connection, transaction) =>
            {
                await FenceAsync(
                    connection,
                    transaction,
                    lease,
                    now,
                    "snapshot = @snapshot, state = @state, ended_at = @ended",
                    cancellationToken,
                    ("snapshot", progress.Snapshot),
                    ("state", (int)progress.State),
                    ("ended", progress.State == CampaignState.Running ? null : now.UtcTicks)).ConfigureAwait(false);
                foreach (DeviceRecord device in progress.Devices)
                {
                    await UpsertDeviceAsync(connection, transaction, lease.CampaignId, device, cancellationToken).ConfigureAwait(false);
                }

                foreach (DeviceHistoryEntry entry in progress.History)
                {
                    await AppendHistoryAsync(connection, transaction, lease.CampaignId, entry, cancellationToken).ConfigureAwait(false);
                }

                object? revision = await ScalarAsync(connection, transaction, "SELECT revision FROM campaigns WHERE id = @id", cancellationToken, ("id", Id(lease.CampaignId))).ConfigureAwait(false);
                return Convert.ToInt64(revision, System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> RecordFragmentAsync(CampaignLease lease, FragmentDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentOutOfRangeException.ThrowIfNegative(delivery.Index);
        return await FencedExecuteAsync(
            lease,
            "INSERT INTO fragment_deliveries (campaign_id, grp, idx, fcnt, enqueued_at) VALUES (@id, @grp, @idx, @fcnt, @at) ON CONFLICT (campaign_id, grp, idx) DO NOTHING",
            cancellationToken,
            ("grp", delivery.Group),
            ("idx", delivery.Index),
            ("fcnt", delivery.FCnt is uint f ? (long)f : null),
            ("at", delivery.EnqueuedAt.UtcTicks)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public Task SaveGroupStateAsync(CampaignLease lease, int group, string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        return FencedExecuteAsync(
            lease,
            "INSERT INTO campaign_groups (campaign_id, grp, transport_state) VALUES (@id, @grp, @state) ON CONFLICT (campaign_id, grp) DO UPDATE SET transport_state = @state",
            cancellationToken,
            ("grp", group),
            ("state", state));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<int, string>> GetGroupStatesAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<int, string>>(
            async connection => (await QueryAsync(
                connection,
                null,
                "SELECT grp, transport_state FROM campaign_groups WHERE campaign_id = @id",
                reader => (Group: reader.GetInt32(0), State: reader.GetString(1)),
                cancellationToken,
                ("id", Id(campaignId))).ConfigureAwait(false)).ToDictionary(r => r.Group, r => r.State),
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<FragmentDelivery>> GetFragmentsAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<FragmentDelivery>>(
            async connection => await QueryAsync(
                connection,
                null,
                "SELECT grp, idx, fcnt, enqueued_at FROM fragment_deliveries WHERE campaign_id = @id ORDER BY grp, idx",
                reader => new FragmentDelivery(reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : (uint)reader.GetInt64(2), Time(reader, 3)),
                cancellationToken,
                ("id", Id(campaignId))).ConfigureAwait(false),
            cancellationToken);

    // One statement for the lease's campaign (@id), in a transaction behind the fence.
    private Task<int> FencedExecuteAsync(CampaignLease lease, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        DateTimeOffset now = Now;
        return WriteAsync(
            async (connection, transaction) =>
            {
                await FenceAsync(connection, transaction, lease, now, null, cancellationToken).ConfigureAwait(false);
                return await ExecuteAsync(connection, transaction, sql, cancellationToken, [("id", Id(lease.CampaignId)), .. values]).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private static void CheckDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > s_longestLease)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts more than 0 and at most 30 days (of the store's clock); renew it while working.");
        }
    }

    // The fence: the write goes through only while this lease is the campaign's and has not run out. It bumps the
    // revision and takes the row's write lock, so a claimer waits for (or skips) the row until the transaction ends.
    private static async Task FenceAsync(DbConnection connection, DbTransaction transaction, CampaignLease lease, DateTimeOffset now, string? set, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        (string, object?)[] parameters = [("id", Id(lease.CampaignId)), ("token", Id(lease.Token)), ("now", now.UtcTicks), .. values];
        int rows = await ExecuteAsync(
            connection,
            transaction,
            $"UPDATE campaigns SET revision = revision + 1, updated_at = @now{(set is null ? string.Empty : ", " + set)} WHERE id = @id AND lease_token = @token AND lease_expires_at > @now AND state = {(int)CampaignState.Running}",
            cancellationToken,
            parameters).ConfigureAwait(false);
        if (rows != 1)
        {
            throw new LeaseLostException($"The lease of {lease.Owner} on campaign {lease.CampaignId} is no longer held (taken over, run out, or the campaign has ended); nothing was written.");
        }
    }
}
